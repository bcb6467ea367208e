/**
 * A player's card (`v1/player.html?p=<player_lookup>`): tonight's game and line, the prediction and
 * pick, the last ten games against tonight's line (chart), every system, the line ladder and the
 * recent games, from `tonight/player/<player_lookup>.json`.
 */
import type * as EC from 'echarts';
import * as cf from './card-fields.js';
import { lastTenOption } from './chart.js';
import { el, fill, facts, fetchJson, showMessage, start, table } from './dom.js';
import * as f from './fields.js';
import { fixed, longDate, stamp } from './format.js';
import type { PlayerCardView } from './types.js';

declare const echarts: typeof EC;

/** A player_lookup: lower-case letters and digits (lib/names.ts). */
const LOOKUP = /^[a-z0-9]+$/;

function lookupFromUrl(): string | null {
  const p = new URLSearchParams(location.search).get('p');
  return p && LOOKUP.test(p) ? p : null;
}

function availabilityNote(card: PlayerCardView): HTMLElement | null {
  const a = cf.cardPlayer(card).availability;
  if (!a || a.status === 'active') return null;
  const reasons = (a.reasons ?? []).join('; ');
  return el(
    'p',
    { cls: a.status === 'likely_out' ? 'alert out' : 'alert warn', id: 'availability' },
    `${a.status.replace(/_/g, ' ')}${reasons ? `: ${reasons}` : ''}`,
  );
}

/** "back-to-back", "1 day", "3 days", or "-". */
function restText(days: number | null, backToBack: boolean): string {
  if (backToBack) return 'back-to-back';
  return days === null ? '-' : `${days} day${days === 1 ? '' : 's'}`;
}

function mountChart(box: HTMLElement, card: PlayerCardView): void {
  if (typeof echarts === 'undefined') {
    box.replaceChildren(el('p', { cls: 'muted' }, 'The chart library did not load.'));
    return;
  }
  const chart = echarts.init(box, null, { renderer: 'svg' });
  chart.setOption(lastTenOption(card));
  window.addEventListener('resize', () => chart.resize());
}

async function main(root: HTMLElement): Promise<void> {
  const lookup = lookupFromUrl();
  if (!lookup) {
    showMessage(root, 'No player given: open a player from tonight’s page.');
    return;
  }
  const card = await fetchJson<PlayerCardView>(`tonight/player/${lookup}.json`);
  if (!card) {
    showMessage(root, `No card for “${lookup}” tonight: he is not on tonight’s slate.`);
    return;
  }
  document.title = `${card.name} · NBA props`;
  const p = cf.cardPlayer(card);
  const chartBox = el('div', {
    id: 'chart',
    cls: 'chart',
    role: 'img',
    'aria-label': `${card.name}: last ten games against tonight's line`,
  });
  fill(
    root,
    el('h1', {}, card.name),
    el(
      'p',
      { cls: 'summary' },
      `${cf.matchup(card)} · ${longDate(card.game_date)} · updated ${stamp(card.generated_at)}`,
    ),
    availabilityNote(card),
    el(
      'section',
      { id: 'tonight' },
      el('h2', {}, 'Tonight'),
      facts([
        ['Line', f.lineCell(p)],
        ['Over', f.overCell(p)],
        ['Under', f.underCell(p)],
        ['Market P(over)', f.marketCell(p)],
        ['Predicted', f.predictedCell(p)],
        ['Edge', f.edgeCell(p)],
        ['P(over)', f.pOverCell(p)],
        ['Pick', f.pickCell(p)],
        ['EV', f.evCell(p)],
        ['Stake', f.stakeCell(p)],
        ['Confidence', f.confidenceCell(p)],
      ]),
    ),
    el('section', { id: 'last-ten' }, el('h2', {}, 'Last ten games against tonight’s line'), chartBox),
    el(
      'section',
      { id: 'numbers' },
      el('h2', {}, 'Numbers'),
      facts([
        ['Season', { text: `${fixed(p.season_ppg)} pts, ${fixed(p.season_mpg)} min` }],
        ['Last 5', { text: `${fixed(p.last_5_ppg)} pts` }],
        ['Last 10', { text: `${fixed(card.last_10_ppg)} pts, ${fixed(card.last_10_mpg)} min` }],
        ['Last 10 vs line', f.last10Cell(p)],
        ['Games played', { text: String(p.games_played) }],
        ['Rest', { text: restText(p.days_rest, card.back_to_back) }],
      ]),
    ),
    el(
      'section',
      { id: 'systems' },
      el('h2', {}, 'Every system at the main line'),
      table(cf.SYSTEM_HEADERS, (card.systems ?? []).map(cf.systemRow)),
    ),
    el(
      'section',
      { id: 'ladder' },
      el('h2', {}, 'Line ladder (ensemble)'),
      (card.ladder ?? []).length
        ? table(cf.LADDER_HEADERS, (card.ladder ?? []).map(cf.ladderRow))
        : el('p', { cls: 'muted' }, 'No line tonight.'),
    ),
    el(
      'section',
      { id: 'recent' },
      el('h2', {}, 'Recent games'),
      table(
        cf.RECENT_HEADERS,
        (card.recent_games ?? []).map((g, i) => cf.recentRow(g, p.last_10_results?.[i])),
      ),
    ),
  );
  mountChart(chartBox, card);
}

start(document.getElementById('main'), main);
