/**
 * Runs predictPlayer and onBatchComplete on the REAL BigQuery adapter in a plain Node child (the
 * client's HTTP layer cannot run inside jest's VM; see bigquery-worker.ts), for
 * test/gcp/completion-queries.test.ts, whose fake BigQuery endpoint answers and records every call.
 *
 * stdin: one JSON line `{batch_id, game_date, events: [{kind: 'predict' | 'ready', player, lined}]}`.
 * stdout: one JSON line `{fired: Milestone[], consolidate: reasons[]}` (or `{error}`).
 * argv: <apiEndpoint> <projectId> <datasetPrefix>.
 */
process.env.METADATA_SERVER_DETECTION = 'none';

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fakeEndpointClient } from './fake-endpoint-client';
import type { Attributes, Bus } from '../../lib/bus/port';
import { parseConfig } from '../../lib/config';
import { createLogger, setLogSink } from '../../lib/log';
import { onBatchComplete } from '../../lib/pipeline/batch-complete';
import { predictPlayer } from '../../lib/pipeline/predict-player';
import type { Runtime } from '../../lib/runtime';
import { FsObjectStore } from '../../lib/store/fs';
import { TOPICS, type TopicName } from '../../lib/topics';
import { BigQueryWarehouse } from '../../lib/warehouse/bigquery';
import { request } from '../helpers/fixtures';

interface Scenario {
  batch_id: string;
  game_date: string;
  events: Array<{ kind: 'predict' | 'ready'; player: string; lined: boolean }>;
}

const [apiEndpoint, projectId, datasetPrefix] = process.argv.slice(2);
setLogSink(() => undefined);

const published: Array<{ topic: TopicName; payload: Record<string, unknown> }> = [];
const bus: Bus = {
  publish(topic: TopicName, payload: object, _attributes?: Attributes) {
    published.push({ topic, payload: payload as Record<string, unknown> });
    return Promise.resolve(`m${published.length}`);
  },
};

const rt: Runtime = {
  config: parseConfig({ NBA_LOCAL_DIR: mkdtempSync(join(tmpdir(), 'nba-completion-')) }),
  warehouse: new BigQueryWarehouse({
    projectId,
    location: 'us-west2',
    datasetPrefix,
    client: fakeEndpointClient(projectId, apiEndpoint),
  }),
  bus,
  store: new FsObjectStore(mkdtempSync(join(tmpdir(), 'nba-completion-bucket-'))),
  now: () => new Date('2025-12-05T16:00:00.000Z'),
  log: createLogger(),
};

async function run(s: Scenario): Promise<object> {
  const ctx = { messageId: 'm', attributes: {}, log: rt.log };
  const fired: string[] = [];
  const rowsOf = new Map<string, number>();
  for (const e of s.events) {
    if (e.kind === 'predict') {
      const req = request({
        batch_id: s.batch_id,
        game_date: s.game_date,
        player_lookup: e.player,
        ...(e.lined ? {} : { line: null, line_ladder: [], market: [] }),
      });
      rowsOf.set(e.player, await predictPlayer(rt, req, ctx));
    } else {
      const r = await onBatchComplete(
        rt,
        {
          kind: 'player_done',
          batch_id: s.batch_id,
          game_date: s.game_date,
          player_lookup: e.player,
          rows_written: rowsOf.get(e.player) ?? 0,
        },
        ctx,
      );
      fired.push(...r.fired);
    }
  }
  const consolidate = published.filter((m) => m.topic === TOPICS.consolidate).map((m) => m.payload.reason);
  return { fired, consolidate, rows: [...new Set(rowsOf.values())].sort((a, b) => a - b) };
}

createInterface({ input: process.stdin }).once('line', (line) => {
  run(JSON.parse(line) as Scenario).then(
    (out) => process.stdout.write(JSON.stringify(out) + '\n'),
    (err: unknown) =>
      process.stdout.write(JSON.stringify({ error: err instanceof Error ? err.stack : String(err) }) + '\n'),
  );
});
