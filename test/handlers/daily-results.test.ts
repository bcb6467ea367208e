/**
 * The daily-results message through the exportTonight entry point (functions-framework's test
 * server, a Pub/Sub push envelope): the three exports are written, a redelivery changes nothing,
 * missing box scores ask for a redelivery (500), a bad message is acked (204) naming the field.
 */
import { getTestServer } from '@google-cloud/functions-framework/testing';
import request from 'supertest';
import '../../functions';
import { EXPORT_PATHS } from '../../lib/export/paths';
import { setRuntime } from '../../lib/runtime';
import { D, NEXT, addNextSlate, gradingRuntime } from '../helpers/grading';
import { captureLogs } from '../helpers/runtime';

const DAILY = { export_types: ['results', 'performance', 'best-bets'], target_date: 'YESTERDAY' };
const push = (payload: unknown, messageId: string) =>
  request(getTestServer('exportTonight'))
    .post('/projects/local/topics/nba-phase6-export-trigger')
    .send({
      message: { data: Buffer.from(JSON.stringify(payload)).toString('base64'), messageId },
      subscription: 's',
    });

describe('exportTonight with the daily-results message', () => {
  it('writes results, performance and best bets, and a redelivery changes nothing', async () => {
    const rt = await gradingRuntime(() => new Date('2025-12-05T10:00:00Z'));
    await addNextSlate(rt);
    setRuntime(rt);
    await push(DAILY, 'daily-1').expect(204);
    const paths = [
      EXPORT_PATHS.bestBetsOfDate(NEXT).path,
      EXPORT_PATHS.performance.path,
      EXPORT_PATHS.resultsOfDate(D).path,
      EXPORT_PATHS.resultsLatest.path,
    ];
    expect(await rt.store.list('v1/')).toEqual(paths);
    const before = await Promise.all(paths.map((p) => rt.store.get(p)));
    const graded = await rt.warehouse.query(
      'SELECT * FROM {{nba_predictions.prediction_accuracy}} ORDER BY prediction_id',
    );
    const logs = captureLogs();
    await push(DAILY, 'daily-1').expect(204);
    logs.restore();
    expect(await Promise.all(paths.map((p) => rt.store.get(p)))).toEqual(before);
    expect(
      await rt.warehouse.query(
        'SELECT * FROM {{nba_predictions.prediction_accuracy}} ORDER BY prediction_id',
      ),
    ).toEqual(graded);
    expect(
      logs
        .entries()
        .filter((e) => e.event === 'daily_exported')
        .map((e) => e.written),
    ).toEqual([false, false]);
    expect(logs.entries().find((e) => e.event === 'results_exported')).toMatchObject({
      changed_rows: 0,
      written: 0,
    });
  });

  it('asks for a redelivery while box scores are missing, and logs results_overdue after 09:00 ET', async () => {
    const rt = await gradingRuntime(() => new Date('2025-12-05T14:30:00Z'), ['g1']);
    setRuntime(rt);
    const logs = captureLogs();
    // functions-framework reports the failed invocation on console.error
    const crash = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await push(DAILY, 'daily-2').expect(500);
    expect(String(crash.mock.calls[0]?.[0])).toContain(
      'box scores of 1 game(s) of 2025-12-04 are not loaded yet',
    );
    crash.mockRestore();
    logs.restore();
    expect(logs.entries().find((e) => e.event === 'results_overdue')).toMatchObject({
      severity: 'ERROR',
      code: 'BOX_SCORES_PENDING',
      game_date: D,
    });
    expect(logs.entries().find((e) => e.event === 'retrying')?.code).toBe('BOX_SCORES_PENDING');
  });

  it('acks a message with an unknown export type, naming the field', async () => {
    setRuntime(await gradingRuntime(() => new Date('2025-12-05T10:00:00Z')));
    const logs = captureLogs();
    await push({ export_types: ['results', 'pdf'], target_date: 'YESTERDAY' }, 'bad-1').expect(204);
    logs.restore();
    expect(String(logs.entries().find((e) => e.event === 'message_rejected')?.message)).toContain(
      'export_types.1:',
    );
  });
});
