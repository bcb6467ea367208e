/**
 * What the BigQuery adapter sends and receives, as pure functions: shared SQL rendered with
 * backticked `project.dataset.table` names, named parameters with explicit types, values the client
 * returns converted to port cells, and rows as load-job NDJSON. No client is created here.
 */
import { BigQueryDate, BigQueryDatetime, BigQueryTime, BigQueryTimestamp } from '@google-cloud/bigquery';
import { PermanentError } from '../errors';
import { PARAM_REFERENCE as PARAM, PROJECT_ID } from './identifiers';
import type { Cell, Params, Row } from './port';
import type { Column, TableSpec } from './schema';
import { renderTables, type PhysicalTable } from './tables';
/** A BigQuery query parameter type as the client takes it: a scalar name or `[element]` for arrays. */
export type BigQueryParamType = 'STRING' | 'INT64' | 'FLOAT64' | 'BOOL' | ['STRING'];

export { PROJECT_ID } from './identifiers';

/**
 * Renders a physical table for BigQuery: `` `project.dataset.table` ``.
 * @throws PermanentError(`BAD_IDENTIFIER`) when the project id is not a project id (so no backtick
 *   or space can reach the SQL through it); dataset and table are validated by physicalTable.
 */
export function bigQueryIdent(projectId: string, t: PhysicalTable): string {
  if (!PROJECT_ID.test(projectId)) {
    throw new PermanentError('BAD_IDENTIFIER', `project id "${projectId}" is not a Google Cloud project id`);
  }
  return `\`${projectId}.${t.dataset}.${t.table}\``;
}

/** Shared SQL as the adapter sends it: every table token -> `` `project.<prefix>dataset.table` ``. */
export function renderBigQuerySql(sql: string, projectId: string, datasetPrefix: string): string {
  return renderTables(sql, datasetPrefix, (t) => bigQueryIdent(projectId, t));
}

/** The named parameters a statement references, in order of first use. */
export function referencedParams(sql: string): string[] {
  return [...new Set([...sql.matchAll(PARAM)].map((m) => m[1]))];
}

/**
 * The BigQuery type of a parameter value: strings STRING, integers INT64, other numbers FLOAT64,
 * booleans BOOL, arrays `ARRAY<STRING>` (the port's arrays are string arrays).
 * @throws PermanentError(`BAD_PARAM`) for a non-finite number.
 */
export function bigQueryParamType(name: string, value: Params[string]): BigQueryParamType {
  if (Array.isArray(value)) return ['STRING'];
  if (typeof value === 'string') return 'STRING';
  if (typeof value === 'boolean') return 'BOOL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new PermanentError('BAD_PARAM', `query parameter @${name} is ${value}`);
    return Number.isInteger(value) ? 'INT64' : 'FLOAT64';
  }
  throw new PermanentError('BAD_PARAM', `query parameter @${name} has unsupported type ${typeof value}`);
}

/**
 * The `params` and `types` the client sends for a rendered statement: exactly the parameters the
 * SQL references, each with an explicit type.
 * @throws PermanentError(`MISSING_PARAM`) naming the parameter when the SQL uses one not given.
 */
export function bigQueryParams(
  sql: string,
  params: Params | undefined,
): {
  params: Record<string, string | number | boolean | string[]>;
  types: Record<string, BigQueryParamType>;
} {
  const values: Record<string, string | number | boolean | string[]> = {};
  const types: Record<string, BigQueryParamType> = {};
  for (const name of referencedParams(sql)) {
    if (!params || !(name in params)) {
      throw new PermanentError(
        'MISSING_PARAM',
        `query parameter @${name} has no value [sql: ${sql.replace(/\s+/g, ' ').trim().slice(0, 200)}]`,
      );
    }
    const v = params[name];
    values[name] = Array.isArray(v) ? v.map(String) : (v as string | number | boolean);
    types[name] = bigQueryParamType(name, v);
  }
  return { params: values, types };
}

/** A value returned by the client -> a port {@link Cell} (DATE `YYYY-MM-DD`, TIMESTAMP ISO UTC ms). */
export function cellFromBigQuery(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof BigQueryTimestamp) {
    const ms = Date.parse(value.value);
    return Number.isNaN(ms) ? value.value : new Date(ms).toISOString();
  }
  if (value instanceof BigQueryDate || value instanceof BigQueryDatetime || value instanceof BigQueryTime) {
    return value.value;
  }
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'object' && value !== null && 'toNumber' in value) {
    const n = (value as { toNumber: () => number }).toNumber(); // NUMERIC / BIGNUMERIC come back as Big
    return Number.isFinite(n) ? n : null;
  }
  return JSON.stringify(value);
}

function loadValue(col: Column, v: Cell | undefined, rowIndex: number): Cell {
  if (v === null || v === undefined) {
    if (col.mode === 'REQUIRED') {
      throw new PermanentError(
        'LOAD_NULL_REQUIRED',
        `load: row ${rowIndex} column ${col.name} is REQUIRED but the row has null`,
      );
    }
    return null;
  }
  switch (col.type) {
    case 'STRING':
      return String(v);
    case 'INT64':
    case 'FLOAT64': {
      const n = Number(v);
      if (!Number.isFinite(n)) {
        throw new PermanentError(
          'LOAD_NOT_FINITE',
          `load: row ${rowIndex} column ${col.name} is ${String(v)}`,
        );
      }
      return col.type === 'INT64' ? Math.round(n) : n;
    }
    case 'BOOL':
      return Boolean(v);
    case 'DATE': {
      const s = String(v).slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) {
        throw new PermanentError(
          'LOAD_BAD_DATE',
          `load: row ${rowIndex} column ${col.name} is "${String(v)}"`,
        );
      }
      return s;
    }
    case 'TIMESTAMP': {
      const ms = Date.parse(String(v));
      if (Number.isNaN(ms)) {
        throw new PermanentError(
          'LOAD_BAD_TIMESTAMP',
          `load: row ${rowIndex} column ${col.name} is "${String(v)}"`,
        );
      }
      return new Date(ms).toISOString();
    }
  }
}

/**
 * Rows as newline-delimited JSON (the load-job format): only the spec's columns, typed as the
 * schema says; each line ends with `\n`.
 * @throws PermanentError (`LOAD_NULL_REQUIRED`, `LOAD_NOT_FINITE`, `LOAD_BAD_DATE`,
 *   `LOAD_BAD_TIMESTAMP`) naming the row and column.
 */
export function toNdjson(spec: TableSpec, rows: readonly Row[]): string {
  return rows
    .map((row, i) => {
      const out: Record<string, Cell> = {};
      for (const col of spec.columns) out[col.name] = loadValue(col, row[col.name], i);
      return JSON.stringify(out) + '\n';
    })
    .join('');
}
