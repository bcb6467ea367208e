/**
 * The exporter's last check: every number that leaves the product is finite or null (DESIGN §5).
 */

type Segment = string | number;

const render = (segs: readonly Segment[]) =>
  '$' + segs.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');

function walk(value: unknown, segs: Segment[], out: string[]): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(render(segs));
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      segs.push(i);
      walk(value[i], segs, out);
      segs.pop();
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      segs.push(k);
      walk((value as Record<string, unknown>)[k], segs, out);
      segs.pop();
    }
  }
}

/**
 * Paths (`$.games[0].players[3].season_ppg`) of numbers that are NaN or +/-Infinity. A path string
 * is built only for a number found, so checking a document with none allocates nothing per value.
 */
export function nonFinitePaths(value: unknown): string[] {
  const out: string[] = [];
  walk(value, [], out);
  return out;
}

/**
 * Serializes `doc` as indented UTF-8 JSON with every non-finite number replaced by null (what
 * JSON.stringify itself writes for NaN and Infinity); returns the text and the paths that were
 * replaced (the caller logs them: nothing is silently changed).
 */
export function toFiniteJson(doc: unknown): { text: string; replaced: string[] } {
  return { text: JSON.stringify(doc, null, 2), replaced: nonFinitePaths(doc) };
}
