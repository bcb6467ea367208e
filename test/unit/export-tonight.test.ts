import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HandlerContext } from '../../lib/handler';
import { createLogger } from '../../lib/log';
import { exportTonight } from '../../lib/pipeline/export/tonight';
import { loadSite } from '../../lib/site/bundle';
import { PREDICTIONS_SPEC } from '../../lib/warehouse/schema';
import { EXPORT_ROWS } from '../../lib/warehouse/sql/predictions';
import { findBatch } from '../../lib/data/batches';
import { captureLogs, memoryRuntime, insertBatch } from '../helpers/runtime';

const ctx: HandlerContext = { messageId: 'm', attributes: {}, log: createLogger() };
const BATCH = 'batch_2025_12_05_9';

async function setup() {
  const rt = await memoryRuntime(() => new Date('2025-12-05T18:00:00Z'));
  await rt.warehouse.withConnection(async (c) => {
    await c.run('CREATE SCHEMA IF NOT EXISTS nba_raw');
    await c.run(
      'CREATE TABLE nba_raw.nbac_schedule (game_id VARCHAR, game_date DATE, home_team VARCHAR, away_team VARCHAR, commence_time TIMESTAMP)',
    );
    await c.run(
      'CREATE TABLE nba_raw.odds_api_player_points_props (game_date DATE, event_id VARCHAR, player_lookup VARCHAR, bookmaker VARCHAR, points_line DOUBLE, over_odds BIGINT, under_odds BIGINT, is_main BOOLEAN, snapshot_time TIMESTAMP, commence_time TIMESTAMP)',
    );
    await c.run('CREATE SCHEMA IF NOT EXISTS nba_analytics');
    await c.run('CREATE TABLE nba_analytics.player_game_summary (player_lookup VARCHAR, game_date DATE)');
    await c.run("INSERT INTO nba_analytics.player_game_summary VALUES ('x', DATE '2025-12-04')");
    await c.run(
      "INSERT INTO nba_raw.nbac_schedule VALUES ('g1', DATE '2025-12-05', 'BOS', 'LAL', TIMESTAMP '2025-12-06 00:10:00'), ('g0', DATE '2025-12-04', 'NYK', 'MIA', NULL)",
    );
  });
  await insertBatch(rt.warehouse, {
    batch_id: BATCH,
    created: '2025-12-05T17:00:00.000Z',
    deadline_at: '2025-12-05T18:30:00.000Z',
  });
  const consolidate = (at: string) =>
    rt.warehouse.execute(
      'UPDATE {{nba_predictions.prediction_batches}} SET consolidated_at = CAST(@at AS TIMESTAMP) WHERE batch_id = @b',
      { at, b: BATCH },
    );
  await consolidate('2025-12-05T17:10:00.000Z');
  return { rt, consolidate };
}

/** A later run of the same date: created 17:30, consolidated 17:40. */
const laterRun = (rt: Awaited<ReturnType<typeof setup>>['rt']) =>
  insertBatch(rt.warehouse, {
    batch_id: 'batch_2025_12_05_10',
    created: '2025-12-05T17:30:00.000Z',
    consolidated: '2025-12-05T17:40:00.000Z',
  });

describe('exportTonight', () => {
  it('writes the newest consolidated batch of the date', async () => {
    const { rt } = await setup();
    const r = await exportTonight(rt, { game_date: '2025-12-05' }, ctx);
    // 3 JSON objects, then the pages: every asset (a new bucket), site.json and the HTML
    const site = loadSite();
    expect(r).toMatchObject({
      batch_id: BATCH,
      objects: 3 + site.assets.length + 1 + site.pages.length,
      players: 0,
    });
    expect(JSON.parse((await rt.store.get('v1/tonight/all-players.json')) ?? '{}')).toMatchObject({
      game_date: '2025-12-05',
      batch_id: BATCH,
      total_players: 0,
      games: [{ game_id: 'g1', home_team: 'BOS', away_team: 'LAL', game_time: '7:10 PM ET', players: [] }],
    });
  });

  it('does not write when the batch was consolidated again while it read (the newer export writes)', async () => {
    const { rt, consolidate } = await setup();
    const query = rt.warehouse.query.bind(rt.warehouse);
    rt.warehouse.query = (async (sql: string, params?: Record<string, unknown>) => {
      const rows = await query(sql, params as never);
      if (sql === EXPORT_ROWS) await consolidate('2025-12-05T17:20:00.000Z'); // the final MERGE lands now
      return rows;
    }) as typeof rt.warehouse.query;
    const r = await exportTonight(rt, { game_date: '2025-12-05' }, ctx);
    expect(r.objects).toBe(0);
    expect(existsSync(join(rt.store.root, 'v1/tonight/all-players.json'))).toBe(false);
  });

  it('refuses a date with no consolidated batch instead of writing an empty file', async () => {
    const { rt } = await setup();
    await expect(exportTonight(rt, { game_date: '2025-12-04' }, ctx)).rejects.toThrow(
      'no consolidated batch for 2025-12-04; run the predictions first',
    );
    expect(await rt.store.get('v1/tonight/all-players.json')).toBeNull();
  });

  it('refuses an older batch once a later run of the date is consolidated', async () => {
    const { rt } = await setup();
    await laterRun(rt);
    await expect(exportTonight(rt, { game_date: '2025-12-05', batch_id: BATCH }, ctx)).rejects.toThrow(
      `batch ${BATCH} was superseded by batch_2025_12_05_10, a later run of 2025-12-05`,
    );
    // without a batch id the newest run is exported
    expect((await exportTonight(rt, { game_date: '2025-12-05' }, ctx)).batch_id).toBe('batch_2025_12_05_10');
  });

  it("removes the cards of players who are not in tonight's export", async () => {
    const { rt } = await setup();
    const opts = { contentType: 'application/json; charset=utf-8', cacheControl: 'public, max-age=300' };
    await rt.store.put('v1/tonight/player/olddate.json', '{}', opts);
    await exportTonight(rt, { game_date: '2025-12-05' }, ctx);
    expect(await rt.store.list('v1/tonight/player/')).toEqual([]);
    expect(
      (await rt.store.list('v1/')).filter((p) => !/^v1\/(assets\/|[a-z]+\.(html|json)$)/.test(p)),
    ).toEqual(['v1/predictions/2025-12-05.json', 'v1/predictions/today.json', 'v1/tonight/all-players.json']);
  });

  it('shows each player from his newest consolidated run, so a run cut short hides nobody', async () => {
    const { rt } = await setup(); // BATCH: created 17:00, consolidated 17:10
    await laterRun(rt);
    const row = (batch: string, player: string, predicted: number) => ({
      prediction_id: `${batch}-${player}`,
      batch_id: batch,
      game_id: 'g1',
      game_date: '2025-12-05',
      player_lookup: player,
      system_id: 'ensemble_v1',
      line_key: -1,
      recommendation: 'NO_LINE',
      predicted_points: predicted,
      confidence_score: 0.7,
      feature_json: '{}',
      created_at: '2025-12-05T17:00:00.000Z',
    });
    // the first run predicted a and b; the later run only reached a before it was cut short, and
    // its MERGE gave key a to the later run while b kept the first run's row
    await rt.warehouse.load(PREDICTIONS_SPEC, [row(BATCH, 'b', 20), row('batch_2025_12_05_10', 'a', 12)]);
    const r = await exportTonight(rt, { game_date: '2025-12-05' }, ctx);
    expect(r).toMatchObject({ batch_id: 'batch_2025_12_05_10', players: 2 });
    const doc = JSON.parse((await rt.store.get('v1/tonight/all-players.json')) ?? '{}') as {
      games: Array<{ players: Array<{ player_lookup: string; prediction?: { predicted: number } }> }>;
    };
    const predicted = Object.fromEntries(
      doc.games[0].players.map((p) => [p.player_lookup, p.prediction?.predicted]),
    );
    expect(predicted).toEqual({ a: 12, b: 20 });
  });

  it('refuses a batch of another date', async () => {
    const { rt } = await setup();
    await expect(exportTonight(rt, { game_date: '2025-12-04', batch_id: BATCH }, ctx)).rejects.toThrow(
      'batch batch_2025_12_05_9 is for 2025-12-05, not 2025-12-04',
    );
  });

  it('only moves v1/tonight/ forward: an export of an older date leaves a newer one in place', async () => {
    const { rt } = await setup();
    await exportTonight(rt, { game_date: '2025-12-05' }, ctx);
    const tonight = await rt.store.get('v1/tonight/all-players.json');
    // a consolidated run of 2025-12-04, exported (or redelivered) after 2025-12-05's
    await insertBatch(rt.warehouse, {
      batch_id: 'batch_2025_12_04_1',
      game_date: '2025-12-04',
      created: '2025-12-05T17:30:00.000Z',
      consolidated: '2025-12-05T17:40:00.000Z',
    });
    const r = await exportTonight(rt, { game_date: '2025-12-04' }, ctx);
    expect([r.tonight_written, r.objects]).toEqual([false, 1]);
    expect(await rt.store.get('v1/tonight/all-players.json')).toBe(tonight);
    expect(JSON.parse((await rt.store.get('v1/predictions/today.json')) ?? '{}')).toMatchObject({
      game_date: '2025-12-05',
    });
    expect(JSON.parse((await rt.store.get('v1/predictions/2025-12-04.json')) ?? '{}')).toMatchObject({
      game_date: '2025-12-04',
      batch_id: 'batch_2025_12_04_1',
    });
  });

  it('writes the other cards when one cannot be written, and reports the failure with the export', async () => {
    const { rt } = await setup();
    const row = (player: string, featureJson: string) => ({
      prediction_id: player.slice(0, 20),
      batch_id: BATCH,
      game_id: 'g1',
      game_date: '2025-12-05',
      player_lookup: player,
      system_id: 'ensemble_v1',
      line_key: -1,
      recommendation: 'NO_LINE',
      predicted_points: 10,
      confidence_score: 0.5,
      feature_json: featureJson,
      created_at: '2025-12-05T17:00:00.000Z',
    });
    // A 300-character player_lookup (no file name can hold it) and a corrupt feature_json.
    const long = 'x'.repeat(300);
    await rt.warehouse.load(PREDICTIONS_SPEC, [row('a', '{}'), row(long, '{}'), row('c', '{"days_rest":')]);
    const logs = captureLogs();
    const r = await exportTonight(rt, { game_date: '2025-12-05' }, ctx);
    logs.restore();
    const site = loadSite(); // the pages: every asset (a new bucket), site.json and the HTML
    expect([r.players, r.card_failures, r.objects]).toEqual([
      3,
      1,
      5 + site.assets.length + 1 + site.pages.length,
    ]);
    expect(await rt.store.list('v1/tonight/player/')).toEqual([
      'v1/tonight/player/a.json',
      'v1/tonight/player/c.json',
    ]);
    const failed = logs.entries().filter((e) => e.event === 'card_failed');
    expect(
      failed.map((e) => [
        e.code,
        (e['logging.googleapis.com/labels'] as Record<string, string>).player_lookup,
      ]),
    ).toEqual([['BAD_OBJECT_PATH', long]]);
    expect(logs.entries().find((e) => e.event === 'bad_features')?.message).toMatch(
      /^c: feature_json is not JSON/,
    );
    expect(logs.entries().find((e) => e.event === 'exported')).toMatchObject({ card_failures: 1 });
    expect((await findBatch(rt.warehouse, BATCH))?.exported_at).toBe('2025-12-05T18:00:00.000Z');
  });

  /** An ensemble row of player `player` in BATCH at no line, with `extra` columns. */
  const rowOf = (player: string, extra: Record<string, string | number | null>) => ({
    prediction_id: player,
    batch_id: BATCH,
    game_id: 'g1',
    game_date: '2025-12-05',
    player_lookup: player,
    system_id: 'ensemble_v1',
    line_key: -1,
    recommendation: 'NO_LINE',
    predicted_points: 10,
    feature_json: '{}',
    created_at: '2025-12-05T17:00:00.000Z',
    ...extra,
  });

  it('leaves out a card that does not match its schema (EXPORT_INVALID) and writes the others', async () => {
    const { rt } = await setup();
    await rt.warehouse.load(PREDICTIONS_SPEC, [
      rowOf('a', {}),
      // a last game dated "yesterday": the card's recent_games.0.game_date is not a date
      rowOf('b', {
        feature_json: '{"last_10_dates":["yesterday"],"last_10_points":[20],"last_10_minutes":[30]}',
      }),
      // a feature of the wrong type: the card is built without features, and the row is named
      rowOf('c', { feature_json: '{"days_rest":"two"}' }),
    ]);
    const logs = captureLogs();
    const r = await exportTonight(rt, { game_date: '2025-12-05' }, ctx);
    logs.restore();
    expect([r.players, r.card_failures]).toEqual([2, 1]); // b's card failed: b is left out of tonight too
    expect(await rt.store.list('v1/tonight/player/')).toEqual([
      'v1/tonight/player/a.json',
      'v1/tonight/player/c.json',
    ]);
    const failed = logs.entries().find((e) => e.event === 'card_failed');
    expect(failed).toMatchObject({ code: 'EXPORT_INVALID' });
    expect(failed?.message).toContain(
      'v1/tonight/player/b.json was not written: it does not match its schema (docs/schemas/player.json): recent_games.0.game_date: Invalid string: must match pattern',
    );
    expect(failed?.message).toContain('(got "yesterday")');
    expect(logs.entries().find((e) => e.event === 'bad_features')?.message).toBe(
      'c: feature_json: days_rest: Invalid input: expected number, received string (got "two")',
    );
    const card = JSON.parse((await rt.store.get('v1/tonight/player/a.json')) ?? '{}') as Record<
      string,
      unknown
    >;
    expect(Object.keys(card)).not.toContain('quick_numbers');
    expect(card.game).toEqual({
      game_id: 'g1',
      team: null,
      opponent: null,
      is_home: null,
      game_time: '7:10 PM ET',
      tip_time: '2025-12-06T00:10:00.000Z',
    });
  });

  it('writes nothing when a document of the export does not match its schema, and says which field', async () => {
    const { rt } = await setup();
    // a schedule row without a home team: every game of all-players.json and predictions/<date>.json
    // needs one (the cards have none, so no card fails)
    await rt.warehouse.execute(
      "INSERT INTO {{nba_raw.nbac_schedule}} VALUES ('g2', DATE '2025-12-05', NULL, 'MIA', TIMESTAMP '2025-12-06 03:00:00')",
    );
    await rt.warehouse.load(PREDICTIONS_SPEC, [rowOf('a', {}), { ...rowOf('b', {}), game_id: 'g2' }]);
    const err = await exportTonight(rt, { game_date: '2025-12-05' }, ctx).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EXPORT_INVALID', field: 'games.1.home_team' });
    expect((err as Error).message).toBe(
      'v1/predictions/2025-12-05.json was not written: it does not match its schema (docs/schemas/predictions.json): games.1.home_team: Invalid input: expected string, received null (got null)',
    );
    expect((await rt.store.list('v1/')).filter((p) => p.endsWith('.json'))).toEqual([]);
    expect((await findBatch(rt.warehouse, BATCH))?.exported_at).toBeNull();
  });
});
