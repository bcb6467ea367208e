/** Default date of `npm start`: 12 games with real lines from 8 books. */
export const DEFAULT_DATE = '2025-12-05';
