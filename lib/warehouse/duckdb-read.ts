/**
 * Reads a DuckDB result column by column into port cells (lib/warehouse/port.ts `Columns`).
 *
 * Each column vector of each chunk is read straight from its memory through `@duckdb/node-bindings`
 * (the layer `@duckdb/node-api` itself reads vectors with): numbers from typed-array views, BIGINT
 * from its two 32-bit halves (no BigInt per cell), strings from the 16-byte string entries with
 * Buffer's native decoder, nulls from the validity bitmask. No DuckDB value object, JSON form or
 * other intermediate is built per cell, so a result of 12,000 rows x 16 columns reads in a few ms.
 *
 * Conversions are the port's: INT64 and DECIMAL -> number, DOUBLE that is not finite -> null,
 * DATE -> `YYYY-MM-DD`, TIMESTAMP -> ISO-8601 UTC with milliseconds (truncated, as
 * `Date#toISOString` prints it). Types the product never selects (lists, structs, intervals ...)
 * fall back to node-api's JSON form of each value.
 */
import duckdb from '@duckdb/node-bindings';
import {
  DuckDBTypeId,
  JsonDuckDBValueConverter,
  type DuckDBDataChunk,
  type DuckDBMaterializedResult,
} from '@duckdb/node-api';
import type { Cell, Columns } from './port';

const MS_PER_DAY = 86_400_000;
const TWO_32 = 4_294_967_296;
/** Bytes of a DuckDB string entry (duckdb_string_t): length, then 12 inline bytes or prefix + pointer. */
const STRING_ENTRY = 16;
const INLINE_MAX = 12;

/** Reads items [0, n) of a raw vector into `out` from `o`. `valid(i)` is false for a null. */
type ColumnReader = (vec: duckdb.Vector, n: number, out: Cell[], o: number) => void;

const dateCache = new Map<number, string>();

/** `YYYY-MM-DD` of a DuckDB DATE (days since 1970-01-01), memoized (a slate has few dates). */
export function dateOfDays(days: number): string {
  let s = dateCache.get(days);
  if (s === undefined) {
    s = new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
    if (dateCache.size < 100_000) dateCache.set(days, s);
  }
  return s;
}

/** ISO-8601 UTC with milliseconds of a DuckDB TIMESTAMP given in microseconds since the epoch. */
export function isoOfMicros(micros: number): string {
  return new Date(Math.floor(micros / 1000)).toISOString();
}

/** The validity bitmask of a vector: null when every item is valid. */
function validityOf(vec: duckdb.Vector, n: number): Uint8Array | null {
  const bytes = duckdb.vector_get_validity(vec, Math.ceil(n / 64) * 8) as Uint8Array | null;
  return bytes && bytes.byteLength > 0 ? bytes : null;
}

const isValid = (mask: Uint8Array | null, i: number) =>
  mask === null || (mask[i >> 3] & (1 << (i & 7))) !== 0;

function data(vec: duckdb.Vector, bytes: number): Uint8Array {
  return duckdb.vector_get_data(vec, bytes);
}

/** A reader of fixed-width numbers through a typed-array view of `width` bytes per item. */
function numberReader(
  width: number,
  view: (buf: ArrayBuffer, offset: number, n: number) => ArrayLike<number>,
  finiteOnly = false,
): ColumnReader {
  return (vec, n, out, o) => {
    const d = data(vec, n * width);
    const items = view(d.buffer as ArrayBuffer, d.byteOffset, n);
    const mask = validityOf(vec, n);
    for (let i = 0; i < n; i += 1) {
      const x = items[i];
      out[o + i] = !isValid(mask, i) || (finiteOnly && !Number.isFinite(x)) ? null : x;
    }
  };
}

/** 64-bit integers as numbers from their 32-bit halves (exact up to 2^53, as Number() is). */
function int64Reader(map: (x: number) => Cell, unsigned = false): ColumnReader {
  return (vec, n, out, o) => {
    const d = data(vec, n * 8);
    const halves = new Int32Array(d.buffer as ArrayBuffer, d.byteOffset, n * 2);
    const mask = validityOf(vec, n);
    for (let i = 0; i < n; i += 1) {
      if (!isValid(mask, i)) {
        out[o + i] = null;
        continue;
      }
      const lo = halves[2 * i] >>> 0;
      const hi = halves[2 * i + 1];
      out[o + i] = map((unsigned ? hi >>> 0 : hi) * TWO_32 + lo);
    }
  };
}

const readBool: ColumnReader = (vec, n, out, o) => {
  const d = data(vec, n);
  const mask = validityOf(vec, n);
  for (let i = 0; i < n; i += 1) out[o + i] = isValid(mask, i) ? d[i] !== 0 : null;
};

const readDate: ColumnReader = (vec, n, out, o) => {
  const d = data(vec, n * 4);
  const days = new Int32Array(d.buffer as ArrayBuffer, d.byteOffset, n);
  const mask = validityOf(vec, n);
  for (let i = 0; i < n; i += 1) out[o + i] = isValid(mask, i) ? dateOfDays(days[i]) : null;
};

/**
 * Strings from their 16-byte entries. An entry equal to the one before it (same length and inline
 * bytes, or same length, prefix and pointer into the same heap) is the same string, so the string
 * already decoded is reused: results come grouped (a player's 30 games, a batch's rows), and most
 * columns repeat their value from row to row.
 */
const readVarchar: ColumnReader = (vec, n, out, o) => {
  const d = data(vec, n * STRING_ENTRY);
  const buf = Buffer.from(d.buffer, d.byteOffset, d.byteLength);
  const words = d.byteOffset % 4 === 0 ? new Int32Array(d.buffer as ArrayBuffer, d.byteOffset, n * 4) : null;
  const mask = validityOf(vec, n);
  let prev = -1;
  for (let i = 0; i < n; i += 1) {
    if (!isValid(mask, i)) {
      out[o + i] = null;
      continue;
    }
    const w = i * 4;
    const p = prev * 4;
    if (
      words !== null &&
      prev >= 0 &&
      words[w] === words[p] &&
      words[w + 1] === words[p + 1] &&
      words[w + 2] === words[p + 2] &&
      words[w + 3] === words[p + 3]
    ) {
      out[o + i] = out[o + prev];
      prev = i;
      continue;
    }
    prev = i;
    const at = i * STRING_ENTRY;
    const len = buf.readUInt32LE(at);
    if (len <= INLINE_MAX) {
      out[o + i] = buf.toString('utf8', at + 4, at + 4 + len);
    } else {
      const bytes = duckdb.get_data_from_pointer(d.buffer as ArrayBuffer, d.byteOffset + at + 8, len);
      out[o + i] = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    }
  }
};

const asIs = (x: number): Cell => x;

function readerOf(typeId: DuckDBTypeId): ColumnReader | null {
  switch (typeId) {
    case DuckDBTypeId.BOOLEAN:
      return readBool;
    case DuckDBTypeId.TINYINT:
      return numberReader(1, (b, at, n) => new Int8Array(b, at, n));
    case DuckDBTypeId.UTINYINT:
      return numberReader(1, (b, at, n) => new Uint8Array(b, at, n));
    case DuckDBTypeId.SMALLINT:
      return numberReader(2, (b, at, n) => new Int16Array(b, at, n));
    case DuckDBTypeId.USMALLINT:
      return numberReader(2, (b, at, n) => new Uint16Array(b, at, n));
    case DuckDBTypeId.INTEGER:
      return numberReader(4, (b, at, n) => new Int32Array(b, at, n));
    case DuckDBTypeId.UINTEGER:
      return numberReader(4, (b, at, n) => new Uint32Array(b, at, n));
    case DuckDBTypeId.FLOAT:
      return numberReader(4, (b, at, n) => new Float32Array(b, at, n), true);
    case DuckDBTypeId.DOUBLE:
      return numberReader(8, (b, at, n) => new Float64Array(b, at, n), true);
    case DuckDBTypeId.BIGINT:
      return int64Reader(asIs);
    case DuckDBTypeId.UBIGINT:
      return int64Reader(asIs, true);
    case DuckDBTypeId.DATE:
      return readDate;
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return int64Reader((micros) => isoOfMicros(micros));
    case DuckDBTypeId.VARCHAR:
      return readVarchar;
    default:
      return null;
  }
}

/** Cell of a value of a type without a fast reader: its JSON form (strings as they are). */
function fallbackCell(json: unknown, typeId: DuckDBTypeId): Cell {
  if (json === null || json === undefined) return null;
  // HUGEINT and DECIMAL come as exact decimal text: the nearest double, as Number() gives.
  if (
    typeId === DuckDBTypeId.DECIMAL ||
    typeId === DuckDBTypeId.HUGEINT ||
    typeId === DuckDBTypeId.UHUGEINT
  ) {
    return Number(json);
  }
  if (typeof json === 'string' || typeof json === 'number' || typeof json === 'boolean') return json;
  return JSON.stringify(json);
}

function readFallback(
  chunk: DuckDBDataChunk,
  col: number,
  typeId: DuckDBTypeId,
  out: Cell[],
  o: number,
): void {
  const values = chunk.convertColumnValues(col, JsonDuckDBValueConverter);
  for (let i = 0; i < values.length; i += 1) out[o + i] = fallbackCell(values[i], typeId);
}

/**
 * Every column of a materialized result as arrays of cells (one array per column, `rowCount`
 * entries each), named as DuckDB names them.
 */
export function readColumns(result: DuckDBMaterializedResult): Columns {
  const names = result.columnNames();
  const typeIds = result.columnTypes().map((t) => t.typeId);
  const readers = typeIds.map(readerOf);
  const rowCount = result.rowCount;
  const arrays: Cell[][] = names.map(() => new Array<Cell>(rowCount));
  // Vector memory belongs to its chunk, and a chunk's memory is freed when its JS object is
  // collected: every chunk is held here until all of them are read (read again below, so the
  // compiler cannot drop the references early).
  const held: DuckDBDataChunk[] = [];
  let offset = 0;
  for (let c = 0; c < result.chunkCount; c += 1) {
    const chunk = result.getChunk(c);
    held.push(chunk);
    const n = chunk.rowCount;
    for (let j = 0; j < names.length; j += 1) {
      const read = readers[j];
      if (read) read(duckdb.data_chunk_get_vector(chunk.chunk, j), n, arrays[j], offset);
      else readFallback(chunk, j, typeIds[j], arrays[j], offset);
    }
    offset += n;
  }
  if (held.length !== result.chunkCount) throw new Error('DuckDB result changed while it was read');
  const columns: Record<string, Cell[]> = {};
  names.forEach((name, j) => (columns[name] = arrays[j]));
  return { names, rowCount, columns };
}
