/**
 * Availability from what is known before tip (lib/slate/availability.ts), with hand-checkable
 * team schedules: BOS plays every other day before 2025-12-05 (12-03, 12-01, 11-29, ...).
 */
import { addDays } from '../../lib/dates';
import {
  attendance,
  availabilityOf,
  formatReportTime,
  type AvailabilityInput,
} from '../../lib/slate/availability';
import { game } from '../helpers/fixtures';

const D = '2025-12-05';
/** The team's last 12 game dates, newest first: 12-03, 12-01, ..., 11-13. */
const TEAM = Array.from({ length: 12 }, (_, i) => addDays(D, -2 * (i + 1)));

/** A player who played the team games at these indexes of TEAM (0 = the newest). */
function input(playedIdx: number[], over: Partial<AvailabilityInput> = {}): AvailabilityInput {
  return {
    gameDate: D,
    history: playedIdx.map((i) => game(D, 2 * (i + 1), 20)),
    teamDates: TEAM,
    hasLine: true,
    gameHasLines: true,
    recentLinedDates: [],
    report: null,
    ...over,
  };
}

describe('availability', () => {
  it("a player who missed his team's last 4 games is likely_out", () => {
    const a = availabilityOf(input([4, 5, 6, 7, 8, 9, 10, 11], { hasLine: false }));
    expect(attendance(input([4, 5, 6, 7, 8, 9, 10, 11])).missed_streak).toBe(4);
    expect(a.status).toBe('likely_out');
    expect(a.reasons).toContain("missed the team's last 4 games");
    expect(a.reasons).toContain("played 6 of the team's last 10 games");
  });

  it('a player who played 9 of the last 10 (not the 5th) is active', () => {
    const a = availabilityOf(input([0, 1, 2, 3, 5, 6, 7, 8, 9]));
    expect(attendance(input([0, 1, 2, 3, 5, 6, 7, 8, 9]))).toEqual({
      missed_streak: 0,
      played_last_10: 9,
      team_games_last_10: 10,
      days_since_last: 2,
    });
    expect(a).toEqual({ status: 'active', reasons: [] });
  });

  it('a player with a line tonight is at most questionable by the heuristics', () => {
    expect(availabilityOf(input([4, 5, 6, 7, 8, 9, 10, 11], { hasLine: true })).status).toBe('questionable');
  });

  it('one missed game makes him questionable, as does playing 5 of 10', () => {
    expect(availabilityOf(input([1, 2, 3, 4, 5, 6, 7, 8, 9])).status).toBe('questionable');
    expect(availabilityOf(input([0, 2, 4, 6, 8])).status).toBe('questionable'); // 5 of 10 < 0.6
    expect(availabilityOf(input([0, 2, 4, 6, 8, 9])).status).toBe('active'); // 6 of 10
  });

  it('an Out row of the injury report overrides a perfect attendance record', () => {
    const perfect = input([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(availabilityOf(perfect).status).toBe('active');
    const a = availabilityOf({
      ...perfect,
      report: {
        player_lookup: 'testplayer',
        team_abbr: 'BOS',
        status: 'Out',
        reason: 'Injury/Illness - Left Ankle; Sprain',
        report_time: '2025-12-04T22:30:00.000Z',
      },
    });
    expect(a.status).toBe('likely_out');
    expect(a.reasons[0]).toBe(
      'injury report 2025-12-04 5:30 PM ET: Out (Injury/Illness - Left Ankle; Sprain)',
    );
    expect(a.reasons[1]).toBe('heuristics: active');
  });

  it('a Probable row wins over four straight misses', () => {
    const a = availabilityOf(
      input([4, 5, 6, 7], {
        hasLine: false,
        report: {
          player_lookup: 'p',
          team_abbr: 'BOS',
          status: 'Probable',
          reason: null,
          report_time: '2025-12-04T22:30:00Z',
        },
      }),
    );
    expect(a.status).toBe('active');
    expect(a.reasons[1]).toBe('heuristics: likely_out');
  });

  it('a usually lined player with no line tonight is questionable, likely_out once he also missed a game', () => {
    const lined = [true, true, true, true, false];
    const tonightNoLine = { hasLine: false, gameHasLines: true, recentLinedDates: lined };
    const a = availabilityOf(input([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], tonightNoLine));
    expect(a.status).toBe('questionable');
    expect(a.reasons).toContain("no line tonight; had one on 4 of his team's last 5 lined dates");
    expect(availabilityOf(input([1, 2, 3, 4, 5, 6, 7, 8, 9], tonightNoLine)).status).toBe('likely_out');
    // no lines at all for his game tonight: no signal
    expect(
      availabilityOf(input([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], { ...tonightNoLine, gameHasLines: false })).status,
    ).toBe('active');
  });

  it("the offseason resets attendance: last season's team games do not count", () => {
    // Opening night 2025-10-22: the team's dates are April 2025; he sat the last 4 of them.
    const april = ['2025-04-13', '2025-04-11', '2025-04-09', '2025-04-08', '2025-04-06', '2025-04-04'];
    const a = availabilityOf({
      gameDate: '2025-10-22',
      history: [game('2025-10-22', 200, 20, { season: '2024-25' })],
      teamDates: april,
      hasLine: true,
      gameHasLines: true,
      recentLinedDates: [],
      report: null,
    });
    expect(a.status).toBe('active');
  });

  it('keeps every reason within the 200 characters the request allows', () => {
    const a = availabilityOf(
      input([0, 1, 2], {
        report: {
          player_lookup: 'p',
          team_abbr: 'BOS',
          status: 'Out',
          reason: 'x'.repeat(300),
          report_time: '2025-12-04T22:30:00Z',
        },
      }),
    );
    expect(a.reasons[0]).toHaveLength(200);
    expect(a.reasons[0].endsWith('...')).toBe(true);
  });

  it('formats report times in US-Eastern with DST', () => {
    expect(formatReportTime('2025-10-20T21:30:00.000Z')).toBe('2025-10-20 5:30 PM ET');
    expect(formatReportTime('2025-11-05T22:30:00.000Z')).toBe('2025-11-05 5:30 PM ET');
  });
});
