/**
 * Structured logging: one JSON object per line, in the shape Cloud Logging lifts into a LogEntry
 * (`severity`, `message`, `logging.googleapis.com/labels`; docs/local-stack.md §5,
 * docs/platform-notes.md C.6).
 *
 * - We do not use `@google-cloud/logging`'s LogSync: it nests object payloads under `message` (so
 *   the Log Explorer summary is not our text) and writes an extra diagnostic entry (measured in
 *   docs/local-stack.md §5). This writer is the "equivalent" DESIGN §6 allows.
 * - A level filter ({@link setLogLevel}, `NBA_LOG_LEVEL`, default INFO) drops lower severities.
 * - Inside {@link runInInvocation} every line carries the invocation's trace the way
 *   functions-framework's own logger does (docs/platform-notes.md B.1): the incoming W3C
 *   `traceparent` becomes `logging.googleapis.com/trace` (`projects/<project>/traces/<trace-id>`),
 *   `logging.googleapis.com/spanId` and `logging.googleapis.com/trace_sampled`, and the execution
 *   id the label `execution_id`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Cloud Logging severities, lowest first (LogSeverity). */
export type Severity = 'DEBUG' | 'INFO' | 'NOTICE' | 'WARNING' | 'ERROR' | 'CRITICAL';

/** The levels `NBA_LOG_LEVEL` accepts: the lowest severity written. */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'NOTICE', 'WARNING', 'ERROR'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * LogSeverity's numeric values
 * (https://cloud.google.com/logging/docs/reference/v2/rest/v2/LogEntry#logseverity).
 */
const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  DEBUG: 100,
  INFO: 200,
  NOTICE: 300,
  WARNING: 400,
  ERROR: 500,
  CRITICAL: 600,
};

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

let minRank = SEVERITY_RANK.INFO;

/** Replaces the log sink (CLI: a file; tests: an array). Returns the previous sink. */
export function setLogSink(next: LogSink): LogSink {
  const prev = sink;
  sink = next;
  return prev;
}

/** Sets the lowest severity written (lines below it are dropped). Returns the previous level. */
export function setLogLevel(level: LogLevel): LogLevel {
  const prev = LOG_LEVELS.find((l) => SEVERITY_RANK[l] === minRank) ?? 'INFO';
  minRank = SEVERITY_RANK[level];
  return prev;
}

/** A parsed W3C `traceparent`: trace id (32 hex), parent span id (16 hex), sampled flag. */
export interface TraceParent {
  traceId: string;
  spanId: string;
  sampled: boolean;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;

/**
 * Parses a W3C `traceparent` (`00-<trace-id>-<parent-id>-<flags>`;
 * https://www.w3.org/TR/trace-context/#traceparent-header). Null for anything else: not a string,
 * the wrong lengths or case, version `ff`, an all-zero trace or parent id, or extra fields on
 * version 00.
 */
export function parseTraceparent(value: unknown): TraceParent | null {
  if (typeof value !== 'string') return null;
  const m = TRACEPARENT.exec(value.trim());
  if (!m) return null;
  const [, version, traceId, spanId, flags] = m;
  if (version === 'ff' || (version === '00' && value.trim().length !== 55)) return null;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return null;
  return { traceId, spanId, sampled: (parseInt(flags, 16) & 1) === 1 };
}

/** What ties every line of one handler invocation together. */
export interface InvocationContext {
  /** `projects/<project>/traces/<trace-id>`; absent without a valid traceparent or a project. */
  trace?: string;
  spanId?: string;
  traceSampled?: boolean;
  /** The invocation's execution id (label `execution_id`). */
  executionId: string;
}

/**
 * The context of an invocation from its CloudEvent's `traceparent` (functions-framework copies the
 * request's `traceparent` header there) and the project the trace belongs to.
 */
export function invocationContext(opts: {
  traceparent?: unknown;
  projectId?: string;
  executionId: string;
}): InvocationContext {
  const tp = parseTraceparent(opts.traceparent);
  if (!tp) return { executionId: opts.executionId };
  return {
    executionId: opts.executionId,
    ...(opts.projectId ? { trace: `projects/${opts.projectId}/traces/${tp.traceId}` } : {}),
    spanId: tp.spanId,
    traceSampled: tp.sampled,
  };
}

const invocation = new AsyncLocalStorage<InvocationContext>();

/** Runs `fn` with `ctx` attached to every line it (and whatever it awaits) writes. */
export function runInInvocation<T>(ctx: InvocationContext, fn: () => T): T {
  return invocation.run(ctx, fn);
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

/**
 * Writes one entry, unless `severity` is below the level. Non-finite numbers become null so every
 * line is valid JSON.
 */
export function writeEntry(
  severity: Severity,
  message: string,
  labels: LogLabels,
  fields: Record<string, unknown> = {},
): void {
  if (SEVERITY_RANK[severity] < minRank) return;
  const entry: Record<string, unknown> = { severity, message, time: new Date().toISOString() };
  for (const [k, v] of Object.entries(fields)) entry[k] = clean(v);
  const ctx = invocation.getStore();
  const stringLabels: Record<string, string> = ctx ? { execution_id: ctx.executionId } : {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string' && v !== '') stringLabels[k] = v;
  if (Object.keys(stringLabels).length > 0) entry['logging.googleapis.com/labels'] = stringLabels;
  if (ctx?.trace) entry['logging.googleapis.com/trace'] = ctx.trace;
  if (ctx?.spanId) entry['logging.googleapis.com/spanId'] = ctx.spanId;
  if (ctx?.traceSampled !== undefined) entry['logging.googleapis.com/trace_sampled'] = ctx.traceSampled;
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
