/**
 * The selection rules of lib/slate/select.ts on a hand-built slate of two games (BOS at NYK, LAL at
 * DEN), one rule per player, with minMinutes 15 and minGames 5 (the defaults of lib/config.ts):
 * each player below differs from a selected one in the one fact the rule looks at.
 */
import { selectPlayers, type PlayerLine, type PlayerSummary } from '../../lib/slate/select';

const games = [
  { game_id: 'g1', home_team: 'NYK', away_team: 'BOS', commence_time: '2025-12-06T00:30:00Z' },
  { game_id: 'g2', home_team: 'DEN', away_team: 'LAL', commence_time: '2025-12-06T03:00:00Z' },
];
/** Each team's last 10 game dates, newest first (every other day). */
const TEAM_DATES = [
  '2025-12-03',
  '2025-12-01',
  '2025-11-29',
  '2025-11-27',
  '2025-11-25',
  '2025-11-23',
  '2025-11-21',
  '2025-11-19',
  '2025-11-17',
  '2025-11-15',
];
const recent = new Map(['NYK', 'BOS', 'DEN', 'LAL', 'MIA'].map((t) => [t, TEAM_DATES]));

const summary = (lookup: string, over: Partial<PlayerSummary> = {}): PlayerSummary => ({
  player_lookup: lookup,
  player_name: lookup.toUpperCase(),
  team_abbr: 'NYK',
  last_game_date: '2025-12-03',
  recent_minutes: [30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  played_games: 20,
  ...over,
});
const line = (lookup: string, home = 'NYK', away = 'BOS'): PlayerLine => ({
  player_lookup: lookup,
  player_name: lookup.toUpperCase(),
  home_team: home,
  away_team: away,
  line: { points: 12.5, over_odds: -110, under_odds: -110, books: 4, books_total: 8 },
  prices: [],
});
const opts = { minMinutes: 15, minGames: 5 };

function select(summaries: PlayerSummary[], lines: PlayerLine[] = []) {
  return selectPlayers(
    games,
    new Map(lines.map((l) => [l.player_lookup, l])),
    new Map(summaries.map((s) => [s.player_lookup, s])),
    recent,
    opts,
  );
}
const picked = (s: ReturnType<typeof select>) => s.candidates.map((c) => c.player_lookup);

describe('selectPlayers', () => {
  it('selects an unlined player whose last-10 minutes average reaches 15, not one at 14.9', () => {
    // 15 = (10 x 15) / 10; 14.9 = (9 x 15 + 14) / 10
    const at = summary('at', { recent_minutes: Array<number>(10).fill(15) });
    const below = summary('below', { recent_minutes: [14, ...Array<number>(9).fill(15)] });
    expect(picked(select([at, below]))).toEqual(['at']);
  });

  it('averages only the minutes it has when a player has fewer than 10 games', () => {
    // 3 games averaging (20 + 15 + 10) / 3 = 15 reach the threshold
    expect(picked(select([summary('three', { recent_minutes: [20, 15, 10] })]))).toEqual(['three']);
  });

  it("drops an unlined player whose last game is older than his team's 10th-last game (off the roster)", () => {
    const onEdge = summary('edge', { last_game_date: '2025-11-15' }); // the team's 10th-last game
    const gone = summary('gone', { last_game_date: '2025-11-14' });
    expect(picked(select([onEdge, gone]))).toEqual(['edge']);
    expect(select([onEdge, gone]).ineligible).toEqual([]); // dropped, not reported
  });

  it('keeps a lined player whatever his minutes and last game date', () => {
    const benched = summary('benched', {
      recent_minutes: Array<number>(10).fill(2),
      last_game_date: '2025-10-01',
    });
    expect(picked(select([benched], [line('benched')]))).toEqual(['benched']);
  });

  it('reports a lined player without history as NO_HISTORY, and drops an unlined one silently', () => {
    const s = select([], [line('rookie')]);
    expect(s.candidates).toEqual([]);
    expect(s.ineligible).toEqual([
      {
        player_lookup: 'rookie',
        player_name: 'ROOKIE',
        reason: 'NO_HISTORY',
        detail: 'line 12.5 posted but no game in the history window',
      },
    ]);
  });

  it('needs 5 games with minutes > 0: 4 is INSUFFICIENT_HISTORY', () => {
    const s = select([summary('five', { played_games: 5 }), summary('four', { played_games: 4 })]);
    expect(picked(s)).toEqual(['five']);
    expect(s.ineligible).toEqual([
      {
        player_lookup: 'four',
        player_name: 'FOUR',
        reason: 'INSUFFICIENT_HISTORY',
        detail: '4 games with minutes > 0; 5 needed',
      },
    ]);
  });

  it("reports a lined player whose team has no game tonight as NO_GAME_TONIGHT when the line's event is his team's", () => {
    // MIA is not on the schedule; the line names MIA's event (not on the schedule either)
    const s = select([summary('heat', { team_abbr: 'MIA' })], [line('heat', 'MIA', 'ORL')]);
    expect(s.ineligible.map((i) => [i.player_lookup, i.reason, i.detail])).toEqual([
      ['heat', 'NO_GAME_TONIGHT', 'MIA has no game on the schedule for this date'],
    ]);
  });

  it('reports a lined player whose last team is in neither team of the event, with no other evidence, as TEAM_NOT_IN_EVENT', () => {
    const s = select([summary('moved', { team_abbr: 'MIA' })], [line('moved', 'DEN', 'LAL')]);
    expect(s.candidates).toEqual([]);
    expect(s.ineligible.map((i) => [i.player_lookup, i.reason])).toEqual([['moved', 'TEAM_NOT_IN_EVENT']]);
  });

  it('gives each player his game, opponent and venue, sorted by team then player, with the line only for the lined', () => {
    const s = select(
      [
        summary('zed'),
        summary('abe', { team_abbr: 'BOS' }),
        summary('cam', { team_abbr: 'LAL' }),
        summary('amy'),
      ],
      [line('amy')],
    );
    expect(
      s.candidates.map((c) => [
        c.player_lookup,
        c.game_id,
        c.team_abbr,
        c.opponent_team_abbr,
        c.is_home,
        c.line?.points ?? null,
      ]),
    ).toEqual([
      ['abe', 'g1', 'BOS', 'NYK', false, null],
      ['cam', 'g2', 'LAL', 'DEN', false, null],
      ['amy', 'g1', 'NYK', 'BOS', true, 12.5],
      ['zed', 'g1', 'NYK', 'BOS', true, null],
    ]);
  });
});
