/**
 * Monitoring: log-based metrics count events the code really logs (lib/logs.ts), and an alert
 * policy watches each failure of the issue: consolidation failure, no export by the batch
 * deadline, scheduler job failures, messages in a dead-letter subscription, zero predictions on a
 * game day, no results by 09:00 ET the day after a game day. Every policy notifies the configured channels.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../lib/config';
import { SUBSCRIBERS, deadLetterTopic, type TopicName } from '../../lib/topics';
import { show } from './hcl-eval';
import { TEST_VARIABLES, block, field, terraform, type Instance, type TerraformModel } from './terraform-model';

const LOGS = readFileSync(join(__dirname, '..', '..', 'lib', 'logs.ts'), 'utf8');

let model: TerraformModel;
let metrics: Instance[];
beforeAll(async () => {
  model = await terraform();
  metrics = model.instances('google_logging_metric');
});

function policy(name: string): Instance {
  const [p] = model.instances('google_monitoring_alert_policy', name);
  if (!p) throw new Error(`no alert policy ${name}`);
  return p;
}

/** Filter or PromQL query of a policy's conditions. */
function conditionText(p: Instance): string {
  const conditions = p.attrs.conditions;
  if (!Array.isArray(conditions)) throw new Error(`${p.address}: no conditions`);
  return conditions
    .map((c) => {
      const threshold = field(c, 'condition_threshold');
      if (threshold !== undefined) return show(block(threshold, p.address).filter);
      return show(block(field(c, 'condition_prometheus_query_language'), p.address).query);
    })
    .join('\n');
}

/** Names of the log-based metrics a policy's conditions read. */
function metricsRead(p: Instance): string[] {
  const text = conditionText(p);
  return [...text.matchAll(/logging\.googleapis\.com\/user\/(\w+)|logging_googleapis_com:user_(\w+)/g)]
    .map((m) => m[1] ?? m[2] ?? '')
    .sort();
}

describe('monitoring', () => {
  it.each(['consolidation_failed', 'batch_started', 'player_predicted', 'exported', 'results_overdue'])(
    'counts the %s event lib/logs.ts logs',
    (event) => {
      expect(LOGS).toContain(`event: '${event}'`);
      expect(metrics.some((m) => show(m.attrs.filter).includes(`jsonPayload.event="${event}"`))).toBe(true);
    },
  );

  it('filters only on events and fields lib/logs.ts writes', () => {
    for (const m of metrics) {
      const filter = show(m.attrs.filter);
      for (const [, event] of filter.matchAll(/jsonPayload\.event="(\w+)"/g)) expect(LOGS).toContain(`event: '${event}'`);
      for (const [, f] of filter.matchAll(/jsonPayload\.(\w+)/g)) if (f !== 'event') expect(LOGS).toMatch(new RegExp(`\\b${f}\\b`));
    }
  });

  it('reads only metrics that exist', () => {
    const defined = metrics.map((m) => m.attrs.name);
    for (const p of model.instances('google_monitoring_alert_policy')) {
      for (const name of metricsRead(p)) expect(defined).toContain(name);
    }
  });

  it('alerts on a consolidation failure', () => {
    expect(metricsRead(policy('consolidation_failed'))).toEqual(['nba_props_consolidation_failed']);
  });

  it('alerts when a batch passes its deadline without an export', () => {
    const p = policy('export_overdue');
    expect(metricsRead(p)).toEqual(['nba_props_batches_started', 'nba_props_exported']);
    const offset = Number(/offset (\d+)m/.exec(conditionText(p))?.[1]);
    expect(offset).toBeGreaterThan(parseConfig({}).batchDeadlineMinutes);
  });

  it('alerts on scheduler job failures', () => {
    const p = policy('scheduler_failed');
    expect(metricsRead(p)).toEqual(['nba_props_scheduler_failures']);
    const [m] = metrics.filter((x) => x.attrs.name === 'nba_props_scheduler_failures');
    expect(show(m?.attrs.filter)).toContain('resource.type="cloud_scheduler_job"');
  });

  it('alerts on messages in any dead-letter subscription', () => {
    const text = conditionText(policy('dead_letters'));
    expect(text).toContain('pubsub.googleapis.com/subscription/num_undelivered_messages');
    const regex = /monitoring\.regex\.full_match\("([^"]+)"\)/.exec(text)?.[1];
    const subs = model.instances('google_pubsub_subscription').map((s) => show(s.attrs.name));
    const dlqSubs = (Object.keys(SUBSCRIBERS) as TopicName[]).map((t) => `${deadLetterTopic(t)}-sub`);
    expect(subs.filter((s) => new RegExp(`^${regex}$`).test(s)).sort()).toEqual(dlqSubs.sort());
  });

  it('alerts when a game day has no predictions', () => {
    expect(metricsRead(policy('zero_predictions'))).toEqual(['nba_props_game_day_batches', 'nba_props_players_predicted']);
    const [gameDay] = metrics.filter((x) => x.attrs.name === 'nba_props_game_day_batches');
    expect(show(gameDay?.attrs.filter)).toContain('jsonPayload.games>0');
  });

  it('alerts when a game day has no results by 09:00 ET the next day', () => {
    expect(metricsRead(policy('results_overdue'))).toEqual(['nba_props_results_overdue']);
    expect(show(policy('results_overdue').attrs.display_name)).toContain('09:00 ET');
  });

  it('notifies the configured channels from every policy', () => {
    const policies = model.instances('google_monitoring_alert_policy');
    expect(policies).toHaveLength(6);
    for (const p of policies) expect(p.attrs.notification_channels).toEqual(TEST_VARIABLES.alert_notification_channels);
  });
});
