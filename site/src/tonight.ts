/**
 * Tonight's page (`v1/index.html`): every game of `tonight/all-players.json` with its players, the
 * line, prediction, pick and last 10 games; tables sortable by any column; a combined table and a
 * picks-only filter.
 */
import { visibleColumns, type Column } from './columns.js';
import { el, fill, fetchJson, showMessage, start } from './dom.js';
import { isPick } from './fields.js';
import { longDate, stamp } from './format.js';
import { playerTable, type SortState } from './player-table.js';
import type { GameView, PlayerView, TonightView } from './types.js';

/** Where the page reads its data, relative to the page. */
export const TONIGHT_JSON = 'tonight/all-players.json';

function gameTitle(g: GameView): string {
  return `${g.away_team} @ ${g.home_team}${g.game_time ? ` · ${g.game_time}` : ''}`;
}

function summary(doc: TonightView): string {
  const games = doc.games.length;
  return `${games} game${games === 1 ? '' : 's'} · ${doc.total_players} players (${doc.total_with_lines} with a line) · updated ${stamp(doc.generated_at)}`;
}

async function main(root: HTMLElement): Promise<void> {
  const doc = await fetchJson<TonightView>(TONIGHT_JSON);
  if (!doc) {
    showMessage(root, 'Tonight’s export is not published yet.');
    return;
  }
  document.title = `NBA props · ${longDate(doc.game_date)}`;
  const heading = el('h1', {}, `Tonight · ${longDate(doc.game_date)}`);
  if (doc.games.length === 0) {
    fill(root, heading, el('p', { cls: 'empty', id: 'no-games' }, `No games on ${longDate(doc.game_date)}.`));
    return;
  }
  const all = doc.games.flatMap((g) => g.players);
  const { shown, absent } = visibleColumns(all);
  const state: SortState = { column: null, dir: 'desc' };
  const opts = { picksOnly: false, combined: false };
  const gameOf = new Map(doc.games.flatMap((g) => g.players.map((p) => [p.player_lookup, g] as const)));
  const tables = el('div', { id: 'games' });

  const onSort = (c: Column) => {
    state.dir = state.column === c.id ? (state.dir === 'asc' ? 'desc' : 'asc') : c.firstDir;
    state.column = c.id;
    render();
  };
  const filter = (ps: readonly PlayerView[]) => (opts.picksOnly ? ps.filter(isPick) : ps);
  function render(): void {
    if (opts.combined) {
      tables.replaceChildren(
        el(
          'section',
          { cls: 'game', id: 'all-players' },
          el('h2', {}, `${opts.picksOnly ? 'All picks' : 'All players'} (${filter(all).length})`),
          filter(all).length > 0
            ? playerTable(filter(all), shown, state, onSort, {
                label: 'Game',
                cell: (p) => {
                  const g = gameOf.get(p.player_lookup);
                  return g ? `${g.away_team} @ ${g.home_team}` : '';
                },
              })
            : el('p', { cls: 'muted', id: 'no-picks' }, 'No picks on this slate: every row is a PASS.'),
        ),
      );
      return;
    }
    tables.replaceChildren(
      ...doc!.games.map((g) =>
        el(
          'section',
          { cls: 'game', id: `game-${g.game_id}` },
          el('h2', {}, gameTitle(g), el('span', { cls: 'count' }, ` ${g.player_count} players`)),
          filter(g.players).length > 0
            ? playerTable(filter(g.players), shown, state, onSort)
            : el('p', { cls: 'muted' }, 'No picks in this game.'),
        ),
      ),
    );
  }

  const toggle = (label: string, key: keyof typeof opts) => {
    const box = el('input', { type: 'checkbox', id: `opt-${key}` });
    box.addEventListener('change', () => {
      opts[key] = box.checked;
      render();
    });
    return el('label', { for: `opt-${key}` }, box, ` ${label}`);
  };
  const notes = absent.length
    ? el(
        'p',
        { cls: 'note', id: 'absent-fields' },
        `Not in this export: ${absent.map((c) => c.title).join('; ')}.`,
      )
    : null;
  fill(
    root,
    heading,
    el('p', { cls: 'summary' }, summary(doc)),
    el(
      'div',
      { cls: 'controls' },
      toggle('picks only', 'picksOnly'),
      toggle('one table', 'combined'),
      el('span', { cls: 'muted' }, 'click a column to sort'),
    ),
    tables,
    notes,
  );
  render();
}

start(document.getElementById('main'), main);
