/**
 * The DuckDB adapter classifies every failure by the one rule (only named bad-input errors are
 * permanent), on queries and on table operations alike, and refuses a value it cannot store
 * before it reaches the engine.
 */
import { PermanentError, RetryableError } from '../../lib/errors';
import { DuckDbWarehouse } from '../../lib/warehouse/duckdb';
import { classifyDuckDbError } from '../../lib/warehouse/duckdb-sql';
import { stagingSpec } from '../../lib/warehouse/schema';
import { stagingTable } from '../../lib/warehouse/tables';

let wh: DuckDbWarehouse;
beforeEach(async () => {
  wh = await DuckDbWarehouse.open(':memory:', '');
});
afterEach(() => wh.close());

describe('DuckDB error classes', () => {
  it('retries a failing table operation, with the statement in the message', async () => {
    // A view where a staging table is expected: DROP TABLE fails inside DuckDB.
    await wh.execute('CREATE SCHEMA nba_predictions');
    await wh.query('CREATE VIEW nba_predictions._staging_b AS SELECT 1 AS x');
    const err = await wh.dropTable(stagingTable('b')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ code: 'WAREHOUSE_ERROR' });
    expect((err as Error).message).toContain('[sql: DROP TABLE IF EXISTS "nba_predictions"."_staging_b"]');
  });

  it('retries a failing query (a bug in SQL is not a bad input; the dead-letter topic keeps it)', async () => {
    const err = await wh.query('SELECT line_valu FROM nowhere').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ code: 'WAREHOUSE_ERROR' });
  });

  it('refuses a non-finite INT64 as a named permanent error instead of a RangeError', async () => {
    const row = {
      prediction_id: 'p',
      batch_id: 'b',
      game_id: 'g',
      game_date: '2025-12-05',
      player_lookup: 'a',
      system_id: 'moving_average',
      line_key: Infinity,
      recommendation: 'PASS',
      created_at: '2025-12-05T16:00:00.000Z',
    };
    const err = await wh.load(stagingSpec('b', 48), [row]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'LOAD_NOT_FINITE' });
    expect((err as Error).message).toBe('load: row 0, column line_key is Infinity, not an INT64');
  });

  it('keeps an error that is already classified', () => {
    const p = new PermanentError('LOAD_NULL_REQUIRED', 'x');
    expect(classifyDuckDbError(p, 'APPEND')).toBe(p);
    expect(classifyDuckDbError(new Error('Conflict on tuple'), 'UPDATE')).toMatchObject({
      code: 'WAREHOUSE_CONFLICT',
    });
  });
});
