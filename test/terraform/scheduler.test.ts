/**
 * Cloud Scheduler: the three daily prediction jobs of the Python system this replaces, the batch
 * sweep, and the daily results at 05:00 with their 09:00 check (the due time of lib/config.ts
 * NBA_RESULTS_DUE_HOUR_ET), in US-Eastern time, each with that system's fixed retry configuration
 * (docs/seed-system.md §8), publishing a message its consumer accepts
 * (lib/messages.ts).
 */
import type { z } from 'zod';
import { ExportTriggerMessage, PredictionReady, TriggerMessage } from '../../lib/messages';
import { parseConfig } from '../../lib/config';
import { TOPICS } from '../../lib/topics';
import { show } from './hcl-eval';
import { block, refKey, terraform, type Instance, type TerraformModel } from './terraform-model';

/** The schema each consumer validates with (functions/<name>/index.ts). */
const SCHEMA_OF_TOPIC: Readonly<Record<string, z.ZodType>> = {
  [TOPICS.trigger]: TriggerMessage,
  [TOPICS.ready]: PredictionReady,
  [TOPICS.export]: ExportTriggerMessage,
};

/** Yesterday's results, the performance windows and today's best bets. */
const DAILY_RESULTS = { export_types: ['results', 'performance', 'best-bets'], target_date: 'YESTERDAY' };

/** Every job, its schedule (America/New_York), topic and message (docs/seed-system.md §8, the sweep, the daily results). */
const JOBS = {
  'overnight-predictions': { schedule: '0 7 * * *', topic: TOPICS.trigger, message: { game_date: 'TODAY' } },
  'same-day-predictions': { schedule: '30 11 * * *', topic: TOPICS.trigger, message: { game_date: 'TODAY' } },
  'same-day-predictions-tomorrow': {
    schedule: '0 18 * * *',
    topic: TOPICS.trigger,
    message: { game_date: 'TOMORROW' },
  },
  'batch-sweep': { schedule: '*/10 * * * *', topic: TOPICS.ready, message: { kind: 'sweep' } },
  'daily-results': { schedule: '0 5 * * *', topic: TOPICS.export, message: DAILY_RESULTS },
  'daily-results-check': { schedule: '0 9 * * *', topic: TOPICS.export, message: DAILY_RESULTS },
} as const;

let model: TerraformModel;
let jobs: Instance[];
beforeAll(async () => {
  model = await terraform();
  jobs = model.instances('google_cloud_scheduler_job');
});

function job(name: string): Instance {
  const found = jobs.filter((j) => j.attrs.name === name);
  if (found.length !== 1) throw new Error(`${found.length} scheduler jobs named ${name}`);
  return found[0];
}

const NAMES = Object.keys(JOBS) as (keyof typeof JOBS)[];

describe('Cloud Scheduler', () => {
  it('has exactly these jobs', () => {
    expect(jobs.map((j) => j.attrs.name).sort()).toEqual([...NAMES].sort());
  });

  it.each(NAMES)('%s runs on its schedule in America/New_York', (name) => {
    expect(job(name).attrs).toMatchObject({ schedule: JOBS[name].schedule, time_zone: 'America/New_York' });
  });

  it.each(NAMES)('%s retries as the Python system fixed it (3 retries within 600 s, backoff 10-300 s)', (name) => {
    const j = job(name);
    expect(block(j.attrs.retry_config, name)).toEqual({
      retry_count: 3,
      max_retry_duration: '600s',
      min_backoff_duration: '10s',
      max_backoff_duration: '300s',
      max_doublings: 5,
    });
    expect(j.attrs.attempt_deadline).toBe('320s');
    // Pub/Sub targets read attempt_deadline back empty: without this every plan shows a diff.
    expect(j.raw.lifecycle).toEqual([{ ignore_changes: ['${attempt_deadline}'] }]);
  });

  it('checks the daily results at the hour they are due', () => {
    const hour = Number(/^0 (\d+) /.exec(JOBS['daily-results-check'].schedule)?.[1]);
    expect(hour).toBe(parseConfig({}).results.dueHourEt);
  });

  it.each(NAMES)('%s publishes a message its consumer accepts', (name) => {
    const target = block(job(name).attrs.pubsub_target, name);
    const topic = refKey(target.topic_name, 'google_pubsub_topic.topic');
    expect(topic).toBe(JOBS[name].topic);
    const message: unknown = JSON.parse(Buffer.from(show(target.data), 'base64').toString('utf8'));
    expect(message).toEqual(JOBS[name].message);
    const schema = SCHEMA_OF_TOPIC[String(topic)];
    if (!schema) throw new Error(`no schema for ${String(topic)}`);
    expect(schema.safeParse(message).success).toBe(true);
  });
});
