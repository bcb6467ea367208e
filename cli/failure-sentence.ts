/**
 * The sentence a command prints for a handler's failure: the log line of a permanent failure is
 * `permanent failure (CODE): message <message id>: <field>: <detail>` (lib/logs.ts, lib/handler.ts),
 * written for operators; a user gets the detail, and for the failures they can fix, what to type.
 */
import { followUp } from './follow-up';

/** `permanent failure (CODE): message ID: detail` (lib/logs.ts `permanentFailure` + lib/handler.ts). */
const PERMANENT = /^permanent failure \(([A-Z_]+)\): message \S+: (.*)$/s;

/**
 * The sentence for the message of the last ERROR log line, e.g. for `permanent failure
 * (NO_CONSOLIDATED_BATCH): message local-1-1: game_date: no consolidated batch for 2025-11-05; run
 * the predictions first` "no consolidated batch for 2025-11-05: run it first with `npm start --
 * --date 2025-11-05`". Other permanent failures lose the code and message id; any other message is
 * returned as it is.
 * @param localDir the session's local folder, carried by the printed command.
 */
export function failureSentence(message: string, localDir: string): string {
  const m = PERMANENT.exec(message);
  if (!m) return message;
  const [, code, detail = ''] = m;
  const date = /no consolidated batch for (\d{4}-\d{2}-\d{2})/.exec(detail)?.[1];
  if (code === 'NO_CONSOLIDATED_BATCH' && date) {
    return `no consolidated batch for ${date}: run it first with \`${followUp('start', `--date ${date}`, localDir)}\``;
  }
  return detail;
}
