/**
 * `nba-props grade --date YYYY-MM-DD`: grades a date into prediction_accuracy on the embedded
 * default, with the same function the daily-results export runs (lib/data/grading.ts: the
 * exported predictions against the box scores, one idempotent MERGE), and prints what it graded.
 */
import { errorMessage } from '../../lib/errors';
import { BoxScoresPendingError, gradeDate } from '../../lib/data/grading';
import { resolveTargetDate } from '../../lib/pipeline/exports';
import { printError, printTable } from '../format';
import { followUp } from '../follow-up';
import { openSession } from '../session';

/** Grades a date; resolves with the exit code (1 while box scores are missing). */
export async function gradeCommand(opts: { date: string; verbose?: boolean }): Promise<number> {
  let date: string;
  try {
    date = resolveTargetDate(opts.date, new Date());
  } catch (err) {
    printError(errorMessage(err));
    return 2;
  }
  const session = await openSession({ verbose: Boolean(opts.verbose) });
  try {
    let g;
    try {
      g = await gradeDate(session.rt, date);
    } catch (err) {
      if (err instanceof BoxScoresPendingError) {
        printError(err.message);
        return 1;
      }
      throw err;
    }
    if (g.status === 'none') {
      process.stdout.write(
        `nothing to grade on ${date}: no consolidated predictions (run: ${followUp('start', `--date ${date}`, session.config.localDir)})\n`,
      );
      return 0;
    }
    const wlpv = (s: (typeof g.by_system)[number]) => `${s.wins}-${s.losses}-${s.pushes}, ${s.voids} void`;
    printTable(`nba-props grade ${date}`, [
      ['status', g.status],
      [
        'games',
        `${g.games.length}${g.missing_games.length ? ` (box scores missing: ${g.missing_games.join(', ')})` : ''}`,
      ],
      ['graded rows', `${g.graded_rows} (${g.changed_rows} written by this run)`],
      [
        'players',
        `${g.players} exported, ${g.players - g.void_players} played, ${g.void_players} did not play (void)`,
      ],
      ...g.by_system.map((s): [string, string] => [`${s.system_id} picks W-L-P`, wlpv(s)]),
      ['results export', followUp('cli', `export --types results --date ${date}`, session.config.localDir)],
    ]);
    return 0;
  } finally {
    await session.close();
  }
}
