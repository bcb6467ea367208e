/**
 * A sortable table of players: clicking a header sorts by that column (again: the other way).
 * Every table of the page shares one sort, so a click orders all games the same way.
 */
import { sortPlayers, type Column } from './columns.js';
import { el, td } from './dom.js';
import { isLikelyOut } from './fields.js';
import type { PlayerView } from './types.js';

/** The shared sort: a column id and a direction, or none (the export's order). */
export interface SortState {
  column: string | null;
  dir: 'asc' | 'desc';
}

/** A column for the combined table: the game of each player. */
export interface ExtraColumn {
  label: string;
  cell: (p: PlayerView) => string;
}

/** The CSS classes of a column's header: hiding and number alignment. */
function hideClass(c: Column): string | undefined {
  return (
    [c.hideBelow ? `hide-${c.hideBelow}` : '', c.numeric ? 'num' : ''].filter(Boolean).join(' ') || undefined
  );
}

/** Renders one table; `onSort` is called with the column clicked. */
export function playerTable(
  players: readonly PlayerView[],
  columns: readonly Column[],
  sort: SortState,
  onSort: (column: Column) => void,
  extra?: ExtraColumn,
): HTMLElement {
  const col = columns.find((c) => c.id === sort.column);
  const rows = col ? sortPlayers(players, col, sort.dir) : [...players];
  const headers = columns.map((c) => {
    const active = c.id === sort.column;
    const button = el(
      'button',
      { type: 'button', title: `sort by ${c.title}`, 'data-sort': c.id },
      c.label,
      active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : '',
    );
    button.addEventListener('click', () => onSort(c));
    return el(
      'th',
      {
        scope: 'col',
        cls: hideClass(c),
        'aria-sort': active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined,
      },
      button,
    );
  });
  if (extra) headers.splice(1, 0, el('th', { scope: 'col', cls: 'hide-phone' }, extra.label));
  const body = el(
    'tbody',
    {},
    ...rows.map((p) => {
      const cells = columns.map((c) => {
        const cell = td(c.cell(p));
        cell.dataset.col = c.id;
        if (c.hideBelow) cell.classList.add(`hide-${c.hideBelow}`);
        return cell;
      });
      if (extra) cells.splice(1, 0, el('td', { cls: 'hide-phone' }, extra.cell(p)));
      return el('tr', { cls: isLikelyOut(p) ? 'out' : undefined, 'data-player': p.player_lookup }, ...cells);
    }),
  );
  return el(
    'div',
    { cls: 'table-wrap' },
    el('table', { cls: 'players' }, el('thead', {}, el('tr', {}, ...headers)), body),
  );
}
