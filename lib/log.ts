/**
 * Structured logging: one JSON object per line, in the shape Cloud Logging lifts into a LogEntry
 * (`severity`, `message`, `logging.googleapis.com/labels`; see research/local-stack.md §5).
 *
 * We do not use `@google-cloud/logging`'s LogSync: it nests object payloads under `message` (so the
 * Log Explorer summary is not our text) and writes an extra diagnostic entry (measured in
 * research/local-stack.md §5). This writer is the "equivalent" DESIGN §6 allows.
 */
export type Severity = 'DEBUG' | 'INFO' | 'NOTICE' | 'WARNING' | 'ERROR' | 'CRITICAL';

/** Labels indexed by Cloud Logging; values must be strings. */
export interface LogLabels {
  batch_id?: string;
  player_lookup?: string;
  message_id?: string;
  function?: string;
  correlation_id?: string;
  game_date?: string;
}

/** Where log lines go: stdout in functions, a file (or stdout with --verbose) in the CLI. */
export type LogSink = (line: string) => void;

let sink: LogSink = (line) => {
  process.stdout.write(line + '\n');
};

/** Replaces the log sink (CLI: a file; tests: an array). Returns the previous sink. */
export function setLogSink(next: LogSink): LogSink {
  const prev = sink;
  sink = next;
  return prev;
}

/** A logger bound to a set of labels. */
export interface Logger {
  labels: LogLabels;
  child(labels: LogLabels): Logger;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function clean(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

/** Writes one entry. Non-finite numbers become null so every line is valid JSON. */
export function writeEntry(
  severity: Severity,
  message: string,
  labels: LogLabels,
  fields: Record<string, unknown> = {},
): void {
  const entry: Record<string, unknown> = { severity, message, time: new Date().toISOString() };
  for (const [k, v] of Object.entries(fields)) entry[k] = clean(v);
  const stringLabels: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string' && v !== '') stringLabels[k] = v;
  if (Object.keys(stringLabels).length > 0) entry['logging.googleapis.com/labels'] = stringLabels;
  sink(JSON.stringify(entry, (_k, v: unknown) => clean(v)));
}

/** Creates a logger carrying `labels` on every line. */
export function createLogger(labels: LogLabels = {}): Logger {
  return {
    labels,
    child: (more) => createLogger({ ...labels, ...more }),
    debug: (m, f) => writeEntry('DEBUG', m, labels, f),
    info: (m, f) => writeEntry('INFO', m, labels, f),
    warn: (m, f) => writeEntry('WARNING', m, labels, f),
    error: (m, f) => writeEntry('ERROR', m, labels, f),
  };
}

/** The root logger. */
export const rootLogger = createLogger();
