/**
 * Every SQL statement the BigQuery adapter can send, analyzed by ZetaSQL (the BigQuery front end,
 * `@fivetrandevelopers/zetasql`, offline): parsed AND resolved against a catalog of the real
 * schemas (names, column types, function signatures, parameter types), in external product mode
 * (BigQuery's type names).
 *
 * - Statements: every export of lib/warehouse/sql/*.ts (string constants that are statements, and
 *   the builder functions called with a sample batch id / each milestone), rendered exactly as the
 *   adapter renders them (`renderBigQuerySql`: backticked `project.dataset.table`), with parameter
 *   types from the adapter's own `bigQueryParamType` applied to the values the pipeline passes.
 *   The adapter builds no SQL of its own: tables are created, listed and dropped through the
 *   tables API, and staging is written by load jobs.
 * - Catalog: the owned tables from lib/warehouse/schema.ts (plus a staging table), and the upstream
 *   tables with the columns and types the local warehouse gives them (a seeded in-memory DuckDB,
 *   DuckDB types mapped to BigQuery types).
 * A new SQL file or export is picked up automatically; a builder function or parameter name the
 * test does not know fails it, so nothing is skipped silently.
 */
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  LanguageOptions,
  runServer,
  terminateServer,
  ZetaSQLClient,
  type AnalyzeRequest,
} from '@fivetrandevelopers/zetasql';
import { seedLocalWarehouse } from '../../lib/data/seed-local';
import { bigQueryParamType, referencedParams, renderBigQuerySql } from '../../lib/warehouse/bigquery';
import { DuckDbWarehouse } from '../../lib/warehouse/duckdb';
import type { Params } from '../../lib/warehouse/port';
import {
  OWNED_TABLES,
  OWNED_VIEWS,
  stagingSpec,
  type ColumnType,
  type TableSpec,
} from '../../lib/warehouse/schema';
import { MILESTONES, type Milestone } from '../../lib/warehouse/sql/batches';
import { HISTORY_OF_PLAYERS } from '../../lib/warehouse/sql/slate';
import { DUPLICATE_GAME_ROWS, HISTORY_PARAMS, PGS_COLUMNS } from '../helpers/duplicate-games';
import { DATASETS, physicalTable } from '../../lib/warehouse/tables';

const PROJECT = 'demo-project';
const SAMPLE_BATCH = 'batch_2025_12_05_56be10ae867b97e7';
const SQL_DIR = join(__dirname, '..', '..', 'lib', 'warehouse', 'sql');

/** Values of every parameter, as the pipeline passes them (ISO strings for dates and times). */
const SAMPLE_PARAMS: Params = {
  batch_id: SAMPLE_BATCH,
  game_date: '2025-12-05',
  correlation_id: 'corr-1',
  now: '2025-12-05T15:00:00.000Z',
  expected_players: 187,
  ineligible_players: 12,
  ineligible_json: '[]',
  lined_players: 160,
  deadline_at: '2025-12-05T16:30:00.000Z',
  trigger_message_id: '1234567890',
  published_players: 187,
  stale_before: '2025-12-05T14:50:00.000Z',
  rows: 4675,
  lease: '2025-12-05T15:00:00.000Z',
  path: 'gs://bucket/v1/tonight/all-players.json',
  limit: 10,
  history_start: '2024-12-05',
  max_games: 30,
  minutes_window: 10,
  teams: ['ATL', 'DEN'],
  team_games: 15,
  from_date: '2025-10-21',
  to_date: '2025-12-04',
  players: ['nikolajokic', 'traeyoung'],
  lined_lookups: [],
  expected_rows_json: '{"5":73,"25":175}',
  created_at: '2025-12-05T14:00:00.000Z',
  model_state_json: '{"fitted_before":"2025-12-05"}',
  as_of: '2025-12-05T16:30:00.000Z',
  lines_from: '2025-10-06',
  player_lookup: 'nikolajokic',
};
/** The sample value of a parameter (every parameter name has one type across all statements). */
function paramValue(name: string, _statement: string): Params[string] | undefined {
  return SAMPLE_PARAMS[name];
}

/** Exports that are SQL fragments, not statements. */
const FRAGMENTS = new Set(['batches.BATCH_READ_COLUMNS', 'predictions.EXPORTED_RUNS', 'members.MEMBER_KEYS']);

/** How to call each builder function. */
const BUILDERS: Record<string, (fn: (...a: unknown[]) => string) => Array<[string, string]>> = {
  'batches.fireMilestone': (fn) => (Object.keys(MILESTONES) as Milestone[]).map((m) => [m, fn(m)]),
  'batches.revertMilestone': (fn) => (Object.keys(MILESTONES) as Milestone[]).map((m) => [m, fn(m)]),
  'predictions.countStagedPlayers': (fn) => [[SAMPLE_BATCH, fn(SAMPLE_BATCH)]],
  'predictions.mergeStaging': (fn) => [[SAMPLE_BATCH, fn(SAMPLE_BATCH)]],
};

const STATEMENT = /^\s*(SELECT|WITH|INSERT|UPDATE|MERGE|DELETE)\b/i;

interface Statement {
  name: string;
  sql: string;
}

/** Every statement of lib/warehouse/sql/*.ts; throws on an export it does not know how to treat. */
function collectStatements(): Statement[] {
  const out: Statement[] = [];
  for (const file of readdirSync(SQL_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    const mod = file.replace(/\.ts$/, '');
    const exports = jest.requireActual<Record<string, unknown>>(join(SQL_DIR, file));
    for (const [name, value] of Object.entries(exports)) {
      const key = `${mod}.${name}`;
      if (typeof value === 'string') {
        if (STATEMENT.test(value)) out.push({ name: key, sql: value });
        else if (!FRAGMENTS.has(key))
          throw new Error(`${key} is a string export that is not a statement; add it to FRAGMENTS`);
      } else if (typeof value === 'function') {
        const build = BUILDERS[key];
        if (!build) throw new Error(`${key} is a function export; add to BUILDERS how to call it`);
        for (const [arg, sql] of build(value as (...a: unknown[]) => string))
          out.push({ name: `${key}(${arg})`, sql });
      }
    }
  }
  return out;
}

type ZetaKind = 'TYPE_STRING' | 'TYPE_INT64' | 'TYPE_DOUBLE' | 'TYPE_BOOL' | 'TYPE_DATE' | 'TYPE_TIMESTAMP';
const ZETA_OF: Record<ColumnType, ZetaKind> = {
  STRING: 'TYPE_STRING',
  INT64: 'TYPE_INT64',
  FLOAT64: 'TYPE_DOUBLE',
  BOOL: 'TYPE_BOOL',
  DATE: 'TYPE_DATE',
  TIMESTAMP: 'TYPE_TIMESTAMP',
};
/** DuckDB -> BigQuery. HUGEINT: DuckDB's SUM(BIGINT) (team_game_summary); BigQuery's SUM(INT64) is INT64. */
const ZETA_OF_DUCK: Record<string, ZetaKind> = {
  VARCHAR: 'TYPE_STRING',
  BIGINT: 'TYPE_INT64',
  HUGEINT: 'TYPE_INT64',
  INTEGER: 'TYPE_INT64',
  DOUBLE: 'TYPE_DOUBLE',
  BOOLEAN: 'TYPE_BOOL',
  DATE: 'TYPE_DATE',
  TIMESTAMP: 'TYPE_TIMESTAMP',
};

function paramTypeProto(name: string, value: Params[string]) {
  const t = bigQueryParamType(name, value);
  if (Array.isArray(t))
    return {
      typeKind: 'TYPE_ARRAY' as const,
      arrayType: { elementType: { typeKind: 'TYPE_STRING' as const } },
    };
  return { typeKind: ZETA_OF[t] };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface CatalogTable {
  name: string;
  column: Array<{ name: string; type: { typeKind: ZetaKind } }>;
}

/**
 * Owned tables from the specs; upstream tables and the owned views (whose columns are their query's)
 * from a seeded DuckDB; named as the adapter names them.
 */
async function buildCatalogTables(): Promise<CatalogTable[]> {
  const name = (dataset: string, table: string) =>
    renderBigQuerySql(`{{${dataset}.${table}}}`, PROJECT, '').replace(/`/g, '');
  const owned: TableSpec[] = [...OWNED_TABLES, stagingSpec(SAMPLE_BATCH, 48)];
  const tables: CatalogTable[] = owned.map((spec) => ({
    name: name(spec.ref.dataset, spec.ref.table),
    column: spec.columns.map((c) => ({ name: c.name, type: { typeKind: ZETA_OF[c.type] } })),
  }));
  const duck = await DuckDbWarehouse.open(':memory:', '');
  try {
    await seedLocalWarehouse(duck);
    const cols = await duck.query<{
      table_schema: string;
      table_name: string;
      column_name: string;
      data_type: string;
    }>(
      `SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema IN ('${DATASETS.analytics}', '${DATASETS.raw}')
          OR table_schema || '.' || table_name IN (${OWNED_VIEWS.map((v) => `'${v.ref.dataset}.${v.ref.table}'`).join(', ')})
       ORDER BY table_schema, table_name, ordinal_position`,
    );
    const byTable = new Map<string, CatalogTable>();
    for (const c of cols) {
      const key = name(c.table_schema, c.table_name);
      const kind = ZETA_OF_DUCK[c.data_type];
      if (!kind) throw new Error(`no BigQuery type for DuckDB ${c.data_type} (${key}.${c.column_name})`);
      const t = byTable.get(key) ?? { name: key, column: [] };
      t.column.push({ name: c.column_name, type: { typeKind: kind } });
      byTable.set(key, t);
    }
    tables.push(...byTable.values());
  } finally {
    await duck.close();
  }
  return tables;
}

let client: ZetaSQLClient;
let language: ReturnType<LanguageOptions['serialize']>;
let catalogTables: CatalogTable[];
let serverMs = 0;

beforeAll(async () => {
  const t0 = Date.now();
  const port = await freePort();
  runServer(port).catch(() => undefined); // never resolves; the child is killed in afterAll
  ZetaSQLClient.init(port);
  client = ZetaSQLClient.getInstance();
  if (!(await client.testConnection())) throw new Error(`ZetaSQL server did not answer on port ${port}`);
  serverMs = Date.now() - t0;
  const lo = await new LanguageOptions().enableMaximumLanguageFeatures();
  language = { ...lo.serialize(), productMode: 'PRODUCT_EXTERNAL' };
  catalogTables = await buildCatalogTables();
}, 60_000);

afterAll(() => {
  terminateServer();
  ZetaSQLClient.API?.close();
});

async function analyze(
  stmt: Statement,
): Promise<{ ok: true; kind: string } | { ok: false; error: string; sql: string }> {
  const sql = renderBigQuerySql(stmt.sql, PROJECT, '');
  const queryParameters = referencedParams(sql).map((p) => {
    const v = paramValue(p, stmt.name);
    if (v === undefined) throw new Error(`${stmt.name}: no sample value for @${p}; add it to SAMPLE_PARAMS`);
    return { name: p, type: paramTypeProto(p, v) };
  });
  const request: AnalyzeRequest = {
    sqlStatement: sql,
    simpleCatalog: {
      name: 'bigquery',
      table: catalogTables,
      builtinFunctionOptions: { languageOptions: language },
    },
    options: { languageOptions: language, queryParameters, errorMessageMode: 'ERROR_MESSAGE_ONE_LINE' },
  };
  try {
    const res = await client.analyze(request);
    const node = (res?.resolvedStatement as { node?: string } | null | undefined)?.node ?? 'unknown';
    return { ok: true, kind: node };
  } catch (err) {
    return { ok: false, error: (err as { details?: string }).details ?? String(err), sql };
  }
}

describe('ZetaSQL analysis of every statement the BigQuery adapter sends', () => {
  const statements = collectStatements();

  it('finds the statements of every SQL module (none skipped)', () => {
    const modules = new Set(statements.map((s) => s.name.split('.')[0]));
    expect([...modules]).toEqual(expect.arrayContaining(['batches', 'predictions', 'slate']));
    expect(statements.length).toBeGreaterThanOrEqual(30);
    expect(serverMs).toBeLessThan(15_000);
  });

  it('renders every table as a backticked project.dataset.table through the prefixing function', () => {
    for (const s of statements) {
      const sql = renderBigQuerySql(s.sql, PROJECT, 'test_');
      expect(sql).not.toContain('{{');
      for (const m of sql.matchAll(/`([^`]*)`/g)) {
        const [project, dataset, table] = m[1].split('.');
        expect(project).toBe(PROJECT);
        expect(dataset.startsWith('test_')).toBe(true);
        expect(physicalTable({ dataset: dataset.slice(5), table }, 'test_')).toEqual({ dataset, table });
      }
    }
  });

  it('resolves every statement against the real schemas with the adapter parameter types', async () => {
    const results = await Promise.all(statements.map(async (s) => ({ s, r: await analyze(s) })));
    const failures = results
      .filter((x) => !x.r.ok)
      .map((x) => `${x.s.name}: ${(x.r as { error: string }).error}\n${(x.r as { sql: string }).sql}`);
    expect(failures).toEqual([]);
    if (process.env.NBA_TEST_LOGS === '1') {
      console.log(results.map((x) => `${x.s.name} -> ${x.r.ok ? x.r.kind : 'ERROR'}`).join('\n'));
    }
    // DML through execute(), queries through query(): the analyzer agrees on the statement kind
    const kind = (name: string) => {
      const r = results.find((x) => x.s.name === name)?.r;
      return r && r.ok ? r.kind : undefined;
    };
    expect(kind('batches.CREATE_BATCH')).toBe('resolvedInsertStmtNode');
    expect(kind('batches.fireMilestone(threshold)')).toBe('resolvedUpdateStmtNode');
    expect(kind(`predictions.mergeStaging(${SAMPLE_BATCH})`)).toBe('resolvedMergeStmtNode');
    expect(kind('grading.MERGE_GRADES')).toBe('resolvedMergeStmtNode');
    expect(kind('slate.CANDIDATE_SUMMARIES')).toBe('resolvedQueryStmtNode');
    expect(kind('slate.HISTORY_OF_PLAYERS')).toBe('resolvedQueryStmtNode');
  });

  it('rejects what BigQuery rejects (the analyzer is not a rubber stamp)', async () => {
    const bad = await analyze({
      name: 'bad',
      sql: 'SELECT line_valu FROM {{nba_predictions.player_prop_predictions}}',
    });
    expect(bad.ok).toBe(false);
    expect((bad as { error: string }).error).toContain('Unrecognized name: line_valu');
    const duckOnly = await analyze({
      name: 'bad',
      sql: 'SELECT * EXCLUDE (line_value) FROM {{nba_predictions.player_prop_predictions}}',
    });
    expect(duckOnly.ok).toBe(false);
    // a parameter of the wrong type: INT64 where BETWEEN needs DATEs
    const typeMismatch = await analyze({
      name: 'bad',
      sql: 'SELECT COUNT(*) AS n FROM {{nba_predictions.prediction_batches}} WHERE game_date BETWEEN @limit AND CURRENT_DATE()',
    });
    expect(typeMismatch.ok).toBe(false);
    expect((typeMismatch as { error: string }).error).toContain('No matching signature');
    // BigQuery requires QUALIFY to come with WHERE, GROUP BY or HAVING (hence `WHERE TRUE` in the MERGE)
    const qualify = await analyze({
      name: 'bad',
      sql: 'SELECT game_id FROM {{nba_predictions.player_prop_predictions}} QUALIFY ROW_NUMBER() OVER (ORDER BY game_id) = 1',
    });
    expect(qualify.ok).toBe(false);
  });
});

/** A value as ZetaSQL's ValueProto (the reference engine's wire form). */
function valueProto(type: string, v: unknown): Record<string, unknown> {
  if (Array.isArray(v)) return { arrayValue: { element: v.map((x) => valueProto('STRING', x)) } };
  switch (type) {
    case 'DATE':
      return { dateValue: Math.round(Date.parse(`${String(v)}T00:00:00Z`) / 86_400_000) };
    case 'INT64':
      return { int64Value: String(v) };
    case 'FLOAT64':
      return { doubleValue: Number(v) };
    case 'BOOL':
      return { boolValue: Boolean(v) };
    default:
      return { stringValue: String(v) };
  }
}

describe("BigQuery's reference engine (ZetaSQL) evaluating the shared SQL", () => {
  it('keeps one history row per (player, game) when the upstream table holds a game twice', async () => {
    const table = renderBigQuerySql('{{nba_analytics.player_game_summary}}', PROJECT, '').replace(/`/g, '');
    const sql = renderBigQuerySql(HISTORY_OF_PLAYERS, PROJECT, '');
    const params = HISTORY_PARAMS as unknown as Params;
    const request = {
      sql,
      simpleCatalog: {
        name: 'bigquery',
        table: [
          { name: table, column: PGS_COLUMNS.map(([name, t]) => ({ name, type: { typeKind: ZETA_OF[t] } })) },
        ],
        builtinFunctionOptions: { languageOptions: language },
      },
      options: {
        languageOptions: language,
        queryParameters: referencedParams(sql).map((p) => ({ name: p, type: paramTypeProto(p, params[p]) })),
      },
      tableContent: {
        [table]: {
          tableData: {
            row: DUPLICATE_GAME_ROWS.map((r) => ({
              cell: PGS_COLUMNS.map(([name, t]) => valueProto(t, (r as Record<string, unknown>)[name])),
            })),
          },
        },
      },
      params: referencedParams(sql).map((p) => ({
        name: p,
        value: valueProto(p === 'max_games' ? 'INT64' : 'STRING', params[p]),
      })),
    };
    const api = ZetaSQLClient.API as unknown as {
      evaluateQuery: (
        req: unknown,
        cb: (
          err: { details?: string } | null,
          res: { content: { tableData: { row: Array<{ cell: Array<{ stringValue?: string }> }> } } },
        ) => void,
      ) => void;
    };
    const res = await new Promise<Parameters<Parameters<typeof api.evaluateQuery>[1]>[1]>((resolve, reject) =>
      api.evaluateQuery(request, (err, r) =>
        err ? reject(new Error(err.details ?? 'ZetaSQL evaluation failed')) : resolve(r),
      ),
    );
    // HISTORY_OF_PLAYERS: player_lookup, game_id, ... in no order
    const games = res.content.tableData.row.map((r) => [r.cell[0].stringValue, r.cell[1].stringValue]).sort();
    expect(games).toEqual([
      ['nikolajokic', '0022500301'],
      ['nikolajokic', '0022500315'],
      ['nikolajokic', '0022500329'],
    ]);
  });
});
