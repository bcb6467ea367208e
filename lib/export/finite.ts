/**
 * The exporter's last check: every number that leaves the product is finite or null (DESIGN §5).
 */

/** Paths (`games[0].players[3].season_ppg`) of numbers that are NaN or +/-Infinity. */
export function nonFinitePaths(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinitePaths(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => nonFinitePaths(v, `${path}.${k}`));
  }
  return [];
}

/**
 * Serializes `doc` as indented UTF-8 JSON with every non-finite number replaced by null; returns
 * the text and the paths that were replaced (the caller logs them: nothing is silently changed).
 */
export function toFiniteJson(doc: unknown): { text: string; replaced: string[] } {
  const replaced = nonFinitePaths(doc);
  const text = JSON.stringify(
    doc,
    (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
    2,
  );
  return { text, replaced };
}
