/**
 * `player_lookup`: the one join key for players across box scores, sportsbook lines and exports.
 *
 * Rule (DESIGN §4 and data/SOURCE.md "Quick join recipe"): Unicode NFKD with the
 * combining marks removed, lowercase, the punctuation `. , ' ’ \`` removed, `-` read as a space, the
 * suffixes `jr sr ii iii iv v` dropped, then the alias map applied to the spaced key
 * (`data/player_aliases.csv`). The lookup is that key with the spaces removed, as in the Python
 * system this replaces (`nikolajokic`; docs/seed-system.md), so it is safe in file names
 * (`v1/tonight/player/<player_lookup>.json`).
 */

/** Generational suffixes dropped from names. Source: SOURCE.md step 5. */
export const NAME_SUFFIXES: ReadonlySet<string> = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v']);

/** alias key (spaced) -> canonical key (spaced). */
export type AliasMap = ReadonlyMap<string, string>;

/**
 * The spaced normalized key of a name (SOURCE.md steps 1-6, then the alias map), e.g.
 * "Jaren Jackson Jr." -> "jaren jackson". Returns "" for a name with no letters or digits.
 */
export function playerKey(name: string, aliases: AliasMap = new Map()): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.,'’`]/g, '')
    .replace(/-/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);
  // A suffix is only a suffix after the first word ("V" alone stays a name).
  const kept = words.filter((w, i) => i === 0 || !NAME_SUFFIXES.has(w));
  const key = kept.join(' ').replace(/[^a-z0-9 ]/g, '');
  return aliases.get(key) ?? key;
}

/** `player_lookup` of a name: {@link playerKey} without spaces, e.g. "Nikola Jokić" -> "nikolajokic". */
export function playerLookup(name: string, aliases: AliasMap = new Map()): string {
  return playerKey(name, aliases).replace(/ /g, '');
}

/** Builds the alias map from the rows of `player_aliases.csv` (`alias_key,canonical_key`). */
export function aliasMapFromRows(
  rows: ReadonlyArray<{ alias_key: string; canonical_key: string }>,
): AliasMap {
  return new Map(rows.map((r) => [r.alias_key.trim(), r.canonical_key.trim()]));
}

/**
 * The official injury report prints names `Last, First` (`Butler III, Jimmy`, data/SOURCE.md
 * section 8); this turns them into `First Last` (`Jimmy Butler III`) by splitting at the first
 * comma, so {@link playerLookup} gives the same key as the box scores. A name without a comma is
 * returned as is.
 */
export function reportNameToDisplay(name: string): string {
  const i = name.indexOf(',');
  if (i < 0) return name;
  return `${name.slice(i + 1).trim()} ${name.slice(0, i).trim()}`.trim();
}
