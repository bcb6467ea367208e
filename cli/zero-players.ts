/**
 * Why a run predicted nobody, in one sentence: no game on the schedule, no box score before the
 * date (the first night of the data) and no prop line, or every selected player ineligible.
 */
import type { BatchRow } from '../lib/data/batches';
import { slateInputs } from '../lib/data/slate-inputs';
import type { Warehouse } from '../lib/warehouse/port';
import { followUp } from './follow-up';

/**
 * The reason 0 players were predicted on `gameDate`, e.g. "0 players predicted: the box scores start on
 * 2024-10-22, so no player has a game before 2024-10-22 (a prediction needs his recent games), and
 * no book posted a prop line for it".
 * @param games games on the schedule that date.
 * @param config `historyDays` (the history window, days) and `localDir` (carried by the status hint).
 */
export async function whyNoPlayers(
  wh: Warehouse,
  gameDate: string,
  games: number,
  batch: BatchRow | null,
  config: { historyDays: number; localDir: string },
): Promise<string> {
  const { historyDays } = config;
  if (games === 0) return `0 players predicted: there is no game on the schedule for ${gameDate}`;
  const inputs = await slateInputs(wh, gameDate, historyDays);
  const lines =
    inputs.line_rows === 0 ? 'no book posted a prop line for it' : `${inputs.line_rows} prop-line rows exist`;
  if (inputs.history_games === 0) {
    const why =
      inputs.first_box_score_date !== null && inputs.first_box_score_date >= gameDate
        ? `the box scores start on ${inputs.first_box_score_date}, so no player has a game before ${gameDate}`
        : `no player has a game in the ${historyDays} days before ${gameDate}`;
    return `0 players predicted: ${why} (a prediction needs his recent games), and ${lines}`;
  }
  const ineligible = batch?.ineligible_players ?? 0;
  if (ineligible > 0) {
    return `0 players predicted: all ${ineligible} selected players were ineligible (reasons: \`${followUp('cli', `status --batch ${batch?.batch_id ?? ''}`, config.localDir)}\`)`;
  }
  return `0 players predicted: no player of tonight's teams reached the minutes threshold in his last 10 games, and ${lines}`;
}
