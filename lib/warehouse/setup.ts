/** Creates the tables this product owns (DESIGN §3) when they do not exist. */
import type { Warehouse } from './port';
import { OWNED_TABLES } from './schema';

/** Creates every owned table that is missing. */
export async function ensureOwnedTables(wh: Warehouse): Promise<void> {
  for (const spec of OWNED_TABLES) await wh.createTable(spec);
}
