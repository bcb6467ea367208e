/** Plain-text output helpers for the CLI. */

/** Prints `label  value` rows with aligned values. */
export function printTable(title: string, rows: Array<[string, string | number]>): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`${title}\n`);
  for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(width)}  ${v}\n`);
}

/** Prints an error line to stderr. */
export function printError(message: string): void {
  process.stderr.write(`error: ${message}\n`);
}
