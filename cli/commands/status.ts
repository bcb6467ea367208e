/** `nba-props status [--batch ID] [--date YYYY-MM-DD]`: a batch's progress, or the recent batches. */
import { isIsoDate } from '../../lib/dates';
import { findBatch, type BatchRow } from '../../lib/data/batches';
import { stagedPlayers } from '../../lib/pipeline/batch-complete';
import * as bsql from '../../lib/warehouse/sql/batches';
import { stagingTable } from '../../lib/warehouse/tables';
import { printError, printTable } from '../format';
import { followUp } from '../follow-up';
import { openSession } from '../session';

/** Options of `status`. */
export interface StatusOptions {
  batch?: string;
  date?: string;
}

function show(b: BatchRow, staged: number | null): void {
  const ineligible = b.ineligible_json
    ? (JSON.parse(b.ineligible_json) as Array<{ player_lookup: string; reason: string }>)
    : [];
  printTable(`batch ${b.batch_id}`, [
    ['game date', b.game_date],
    ['status', b.status],
    ['created', b.created_at],
    [
      'players',
      `${b.expected_players} expected (${b.lined_players ?? 0} with lines); ${staged === null ? 'staging dropped after the final consolidation' : `${staged} in staging`}`,
    ],
    [
      'ineligible',
      `${b.ineligible_players ?? 0}${
        ineligible.length
          ? ': ' +
            ineligible
              .map((i) => `${i.player_lookup} (${i.reason})`)
              .slice(0, 8)
              .join(', ')
          : ''
      }`,
    ],
    ['threshold fired', b.threshold_fired_at ?? '-'],
    ['complete fired', b.complete_fired_at ?? '-'],
    ['deadline', `${b.deadline_at}${b.deadline_fired_at ? ' (fired ' + b.deadline_fired_at + ')' : ''}`],
    ['consolidated', b.consolidated_at ? `${b.consolidated_at}, ${b.consolidated_rows ?? 0} rows` : '-'],
    ['exported', b.exported_at ? `${b.exported_at} -> ${b.export_path ?? ''}` : '-'],
  ]);
}

/** Prints status; resolves with the exit code. */
export async function statusCommand(opts: StatusOptions): Promise<number> {
  const session = await openSession();
  try {
    const wh = session.rt.warehouse;
    if (opts.batch) {
      const b = await findBatch(wh, opts.batch);
      if (!b) {
        printError(`no batch ${opts.batch}`);
        return 1;
      }
      const hasStaging = await wh.tableExists(stagingTable(b.batch_id));
      show(b, hasStaging ? await stagedPlayers(wh, b.batch_id) : null);
      return 0;
    }
    if (opts.date && !isIsoDate(opts.date)) {
      printError(`--date must be YYYY-MM-DD, got "${opts.date}"`);
      return 2;
    }
    const rows = opts.date
      ? await wh.query<BatchRow>(bsql.BATCHES_OF_DATE, { game_date: opts.date })
      : await wh.query<BatchRow>(bsql.RECENT_BATCHES, { limit: 10 });
    if (rows.length === 0) {
      process.stdout.write(
        opts.date
          ? `no batches for ${opts.date}\n`
          : `no batches yet: run \`${followUp('start', '', session.config.localDir)}\`\n`,
      );
      return 0;
    }
    // The newest consolidated run of a date owns its predictions; older runs are superseded.
    const current = new Map<string, string>();
    for (const b of [...rows].sort((x, y) => (x.created_at < y.created_at ? 1 : -1))) {
      if (b.consolidated_at && !current.has(b.game_date)) current.set(b.game_date, b.batch_id);
    }
    for (const b of rows) {
      const owner = current.get(b.game_date);
      const state =
        owner &&
        owner !== b.batch_id &&
        b.created_at < (rows.find((r) => r.batch_id === owner)?.created_at ?? '')
          ? 'superseded'
          : b.status;
      process.stdout.write(
        `${b.batch_id}  ${b.game_date}  ${state.padEnd(12)}  ${b.expected_players} players  ${b.consolidated_rows ?? 0} rows\n`,
      );
    }
    return 0;
  } finally {
    await session.close();
  }
}
