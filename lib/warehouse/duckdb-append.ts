/**
 * Staging writes on DuckDB: rows are checked per load, then every load to one table that is
 * waiting at the same time is appended through ONE appender and committed by ONE flush.
 *
 * A DuckDB appender flush is a commit with a fixed cost (about 2 ms on a 2-core machine, the same
 * for 1 row as for 200), so a slate's 248 staging loads of about 20 rows each spent most of their
 * time committing. Loads that arrive while the connection is busy now share the next commit. Each
 * load still resolves only after its rows are committed, so the `prediction-ready` a handler
 * publishes afterwards never runs ahead of its rows. Rows go in as data chunks filled column by
 * column (through `@duckdb/node-bindings`, the layer node-api's own chunks use), not cell by cell.
 */
import duckdb from '@duckdb/node-bindings';
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  DuckDBDataChunk,
  TIMESTAMP,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBLogicalType,
  type DuckDBType,
} from '@duckdb/node-api';
import { PermanentError } from '../errors';
import type { Cell, Row } from './port';
import type { Column, TableSpec } from './schema';

const MS_PER_DAY = 86_400_000;

function bad(code: string, col: Column, v: Cell | undefined, rowIndex: number, why = ''): PermanentError {
  const shown = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return new PermanentError(code, `load: row ${rowIndex}, column ${col.name} is ${shown}${why}`);
}

/** Days since the epoch of a DATE cell (its first 10 characters), NaN when not a date; memoized. */
const dayCache = new Map<string, number>();
function daysOf(v: Cell): number {
  const s = String(v).slice(0, 10);
  let d = dayCache.get(s);
  if (d === undefined) {
    d = Math.round(Date.parse(`${s}T00:00:00Z`) / MS_PER_DAY);
    if (dayCache.size >= 10_000) dayCache.clear();
    dayCache.set(s, d);
  }
  return d;
}

/** Milliseconds of a TIMESTAMP cell (NaN when unparsable); the last one is remembered (a load's rows share it). */
let lastStamp: { s: string; ms: number } = { s: '', ms: Number.NaN };
function msOf(v: Cell): number {
  const s = String(v);
  if (s !== lastStamp.s) lastStamp = { s, ms: Date.parse(s) };
  return lastStamp.ms;
}

/**
 * Checks every row of one load against the spec before it joins a shared flush, so one bad load is
 * rejected alone and never leaves half a row in the shared appender.
 * @throws PermanentError `LOAD_NULL_REQUIRED`, `LOAD_NOT_FINITE` (a FLOAT64 that is not a finite
 *   number, an INT64 that is not a safe integer), `LOAD_BAD_DATE`, `LOAD_BAD_TIMESTAMP`, naming the row, column and value.
 */
export function checkRows(spec: TableSpec, rows: readonly Row[]): void {
  const cols = spec.columns;
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i];
    for (let j = 0; j < cols.length; j += 1) {
      const col = cols[j];
      const v = row[col.name];
      if (v === null || v === undefined) {
        if (col.mode === 'REQUIRED') {
          throw new PermanentError(
            'LOAD_NULL_REQUIRED',
            `load: row ${i}, column ${col.name} is REQUIRED but the row has null`,
          );
        }
        continue;
      }
      switch (col.type) {
        case 'FLOAT64':
          if (!Number.isFinite(typeof v === 'number' ? v : Number(v)))
            throw bad('LOAD_NOT_FINITE', col, v, i);
          break;
        case 'INT64':
          if (!Number.isSafeInteger(Math.round(typeof v === 'number' ? v : Number(v))))
            throw bad('LOAD_NOT_FINITE', col, v, i, ', not an INT64');
          break;
        case 'DATE':
          if (Number.isNaN(daysOf(v))) throw bad('LOAD_BAD_DATE', col, v, i);
          break;
        case 'TIMESTAMP':
          if (Number.isNaN(msOf(v))) throw bad('LOAD_BAD_TIMESTAMP', col, v, i);
          break;
        default:
          break;
      }
    }
  }
}

/** DuckDB's vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;
const TWO_32 = 4_294_967_296;

const DUCK_TYPE: Record<Column['type'], DuckDBType> = {
  STRING: VARCHAR,
  INT64: BIGINT,
  FLOAT64: DOUBLE,
  BOOL: BOOLEAN,
  DATE: DATE,
  TIMESTAMP: TIMESTAMP,
};

/** Bytes per item in a vector of each fixed-width type (strings are assigned one by one). */
const WIDTH: Record<Column['type'], number> = {
  STRING: 0,
  INT64: 8,
  FLOAT64: 8,
  BOOL: 1,
  DATE: 4,
  TIMESTAMP: 8,
};

/** Writes a 64-bit integer (|x| < 2^53) as two little-endian 32-bit halves at item `i`. */
function setInt64(halves: Int32Array, i: number, x: number): void {
  const hi = Math.floor(x / TWO_32);
  halves[2 * i] = x - hi * TWO_32;
  halves[2 * i + 1] = hi;
}

// Scratch memory reused by every column of every chunk (fills are synchronous, never interleaved).
const scratch = new ArrayBuffer(CHUNK_ROWS * 8);
const scratchF64 = new Float64Array(scratch);
const scratchI32 = new Int32Array(scratch);
const scratchU8 = new Uint8Array(scratch);
const mask = new Uint8Array(CHUNK_ROWS / 8);

/** Clears item `i`'s bit in the validity mask; returns 1 (one null more). */
function markNull(i: number): number {
  mask[i >> 3] &= ~(1 << (i & 7));
  return 1;
}

/**
 * Bytes of DuckDB's string_t, an item of a VARCHAR vector: a 4-byte length, then up to
 * {@link INLINE_BYTES} bytes inline, or a 4-byte prefix and a pointer into the vector's string heap
 * (https://duckdb.org/docs/stable/internals/vector).
 */
const STRING_T = 16;
const INLINE_BYTES = 12;
const stringScratch = Buffer.alloc(CHUNK_ROWS * STRING_T);

/** Writes an ASCII string of at most 12 characters as an inline string_t at `at`; false otherwise. */
function writeInline(buf: Buffer, at: number, s: string): boolean {
  const len = s.length;
  if (len > INLINE_BYTES) return false;
  for (let k = 0; k < len; k += 1) if (s.charCodeAt(k) > 127) return false;
  buf.writeUInt32LE(len, at);
  for (let k = 0; k < len; k += 1) buf[at + 4 + k] = s.charCodeAt(k);
  return true;
}

/**
 * Fills a VARCHAR column of the rows [from, from + n) with as few native calls as it can: short
 * ASCII strings are written inline into scratch memory, copied into the vector at once; each other
 * distinct string is assigned once (DuckDB copies it into the vector's heap), and its repeats copy
 * that item, pointer included, in the same scratch copy. A staging load repeats most of its strings
 * (the batch, the player, his name and features on each of his ~19 rows). Returns the nulls, which
 * are marked in `mask`.
 */
function fillStrings(
  vec: duckdb.Vector,
  name: string,
  rows: readonly Row[],
  from: number,
  n: number,
): number {
  const buf = stringScratch;
  buf.fill(0, 0, n * STRING_T);
  const firstAt = new Map<string, number>();
  const repeats: number[] = [];
  let nulls = 0;
  for (let i = 0; i < n; i += 1) {
    const v = rows[from + i][name];
    if (v === null || v === undefined) {
      nulls += markNull(i);
      continue;
    }
    const str = typeof v === 'string' ? v : String(v);
    if (writeInline(buf, i * STRING_T, str)) continue;
    const j = firstAt.get(str);
    if (j === undefined) firstAt.set(str, i);
    else repeats.push(i, j);
  }
  duckdb.copy_data_to_vector(vec, 0, buf.buffer, buf.byteOffset, n * STRING_T);
  for (const [str, i] of firstAt) duckdb.vector_assign_string_element(vec, i, str);
  if (repeats.length > 0) {
    buf.set(duckdb.vector_get_data(vec, n * STRING_T).subarray(0, n * STRING_T));
    for (let k = 0; k < repeats.length; k += 2) {
      buf.copy(buf, repeats[k] * STRING_T, repeats[k + 1] * STRING_T, (repeats[k + 1] + 1) * STRING_T);
    }
    duckdb.copy_data_to_vector(vec, 0, buf.buffer, buf.byteOffset, n * STRING_T);
  }
  return nulls;
}

/**
 * Fills one column of a data chunk from the rows [from, from + n): fixed-width values are written
 * into scratch memory copied into the vector at once, strings as {@link fillStrings} does, and nulls
 * go into the validity mask (written only when the column has a null).
 */
function fillColumn(vec: duckdb.Vector, col: Column, rows: readonly Row[], from: number, n: number): void {
  const maskBytes = Math.ceil(n / 64) * 8;
  mask.fill(0xff, 0, maskBytes);
  let nulls = 0;
  const name = col.name;
  if (col.type === 'STRING') nulls = fillStrings(vec, name, rows, from, n);
  else
    for (let i = 0; i < n; i += 1) {
      const v = rows[from + i][name];
      if (v === null || v === undefined) {
        nulls += markNull(i);
        continue;
      }
      switch (col.type) {
        case 'FLOAT64':
          scratchF64[i] = Number(v);
          break;
        case 'INT64':
          setInt64(scratchI32, i, Math.round(Number(v)));
          break;
        case 'TIMESTAMP':
          setInt64(scratchI32, i, msOf(v) * 1000);
          break;
        case 'DATE':
          scratchI32[i] = daysOf(v);
          break;
        case 'BOOL':
          scratchU8[i] = v ? 1 : 0;
          break;
      }
    }
  const width = WIDTH[col.type];
  if (width > 0) duckdb.copy_data_to_vector(vec, 0, scratch, 0, n * width);
  if (nulls > 0) {
    duckdb.vector_ensure_validity_writable(vec);
    duckdb.copy_data_to_vector_validity(vec, 0, mask.buffer, 0, maskBytes);
  }
}

/** Logical types of a column list, built once per list (the wrappers are kept: they own the native types). */
const logicalTypes = new WeakMap<
  readonly Column[],
  { wrappers: DuckDBLogicalType[]; raw: duckdb.LogicalType[] }
>();

function typesOf(columns: readonly Column[]): duckdb.LogicalType[] {
  let t = logicalTypes.get(columns);
  if (!t) {
    const wrappers = columns.map((c) => DUCK_TYPE[c.type].toLogicalType());
    t = { wrappers, raw: wrappers.map((w) => w.logical_type) };
    logicalTypes.set(columns, t);
  }
  return t.raw;
}

/**
 * Appends checked rows (see {@link checkRows}) in the spec's column order, as data chunks of up to
 * 2,048 rows built column by column: one native call per fixed-width column per chunk instead of
 * one per cell (strings are still assigned one by one).
 */
export function appendRows(a: DuckDBAppender, spec: TableSpec, rows: readonly Row[]): void {
  const types = typesOf(spec.columns);
  for (let from = 0; from < rows.length; from += CHUNK_ROWS) {
    const n = Math.min(CHUNK_ROWS, rows.length - from);
    const chunk = new DuckDBDataChunk(duckdb.create_data_chunk(types));
    spec.columns.forEach((col, j) =>
      fillColumn(duckdb.data_chunk_get_vector(chunk.chunk, j), col, rows, from, n),
    );
    duckdb.data_chunk_set_size(chunk.chunk, n);
    a.appendDataChunk(chunk);
  }
}

interface Pending {
  rows: readonly Row[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Loads of one table waiting for the same flush. */
export interface LoadGroup {
  spec: TableSpec;
  loads: Pending[];
  rows: number;
}

/**
 * Groups concurrent loads by table. `add` resolves when the group's flush committed; a group stays
 * open for more loads until its flush starts (the flush runs when the connection is free).
 */
export class LoadGroups {
  private readonly open = new Map<string, LoadGroup>();

  /**
   * @param flush commits one group: called once per group, when the group's turn comes on the
   *   connection (`enqueue` decides when that is).
   * @param enqueue runs a task when the connection is free (the adapter's serial queue).
   */
  constructor(
    private readonly flush: (group: LoadGroup) => Promise<void>,
    private readonly enqueue: (task: () => Promise<void>) => Promise<void>,
  ) {}

  /** Adds a load to the open group of `key` (creating it); resolves after its flush. */
  add(key: string, spec: TableSpec, rows: readonly Row[]): Promise<void> {
    let group = this.open.get(key);
    if (!group || group.spec.columns !== spec.columns) {
      const g: LoadGroup = { spec, loads: [], rows: 0 };
      group = g;
      this.open.set(key, g);
      // One macrotask later, so the loads of handlers running in the same turn join the group.
      setImmediate(() => {
        void this.enqueue(async () => {
          if (this.open.get(key) === g) this.open.delete(key);
          try {
            await this.flush(g);
            for (const l of g.loads) l.resolve();
          } catch (err) {
            for (const l of g.loads) l.reject(err);
          }
        });
      });
    }
    const target = group;
    return new Promise<void>((resolve, reject) => {
      target.loads.push({ rows, resolve, reject });
      target.rows += rows.length;
    });
  }
}
