/**
 * lib/log.ts: the level filter (NBA_LOG_LEVEL) and the trace every line of a handler invocation
 * carries. The traceparent is the W3C specification's own example
 * (https://www.w3.org/TR/trace-context/#examples-of-http-traceparent-headers): trace id
 * 0af7651916cd43dd8448eb211c80319c, parent id b7ad6b7169203331, sampled.
 */
import type { CloudEvent } from '@google-cloud/functions-framework';
import type { MessagePublishedData } from '../../lib/bus/cloudevent';
import { ConfigError, parseConfig } from '../../lib/config';
import { pubsubHandler } from '../../lib/handler';
import { createLogger, parseTraceparent, setLogLevel } from '../../lib/log';
import { TriggerMessage } from '../../lib/messages';
import { resetRuntime, setRuntime } from '../../lib/runtime';
import { captureLogs, memoryRuntime, testConfig } from '../helpers/runtime';

const W3C_EXAMPLE = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('parseTraceparent', () => {
  it('reads the W3C example', () => {
    expect(parseTraceparent(W3C_EXAMPLE)).toEqual({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      sampled: true,
    });
    expect(parseTraceparent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00')?.sampled).toBe(false);
  });

  it.each([
    ['no value', undefined],
    ['not a string', 42],
    ['upper-case hex', '00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01'],
    ['short trace id', '00-0af7651916cd43dd8448eb211c8031-b7ad6b7169203331-01'],
    ['all-zero trace id', '00-00000000000000000000000000000000-b7ad6b7169203331-01'],
    ['all-zero parent id', '00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01'],
    ['version ff', 'ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'],
    ['extra field on version 00', `${W3C_EXAMPLE}-extra`],
    ['an X-Cloud-Trace-Context value', '105445aa7843bc8bf206b12000100000/1;o=1'],
  ])('rejects %s', (_what, value) => {
    expect(parseTraceparent(value)).toBeNull();
  });
});

describe('level filter', () => {
  afterEach(() => setLogLevel('INFO'));

  it('drops DEBUG at INFO (the default) and keeps it at DEBUG', () => {
    const logs = captureLogs();
    try {
      const log = createLogger({ batch_id: 'b1' });
      log.debug('debug line');
      log.info('info line');
      expect(logs.entries().map((e) => [e.severity, e.message])).toEqual([['INFO', 'info line']]);
      expect(setLogLevel('DEBUG')).toBe('INFO');
      log.debug('debug line 2');
      expect(logs.entries().map((e) => e.message)).toEqual(['info line', 'debug line 2']);
    } finally {
      logs.restore();
    }
  });

  it('at WARNING keeps WARNING and ERROR only', () => {
    const logs = captureLogs();
    try {
      setLogLevel('WARNING');
      const log = createLogger();
      log.debug('d');
      log.info('i');
      log.warn('w');
      log.error('e');
      expect(logs.entries().map((e) => e.severity)).toEqual(['WARNING', 'ERROR']);
    } finally {
      logs.restore();
    }
  });

  it('NBA_LOG_LEVEL defaults to INFO and names the variable when invalid', () => {
    expect(parseConfig({}).logLevel).toBe('INFO');
    expect(parseConfig({ NBA_LOG_LEVEL: 'DEBUG' }).logLevel).toBe('DEBUG');
    expect(() => parseConfig({ NBA_LOG_LEVEL: 'verbose' })).toThrow(ConfigError);
    expect(() => parseConfig({ NBA_LOG_LEVEL: 'verbose' })).toThrow('NBA_LOG_LEVEL="verbose"');
  });
});

describe('trace of a handler invocation', () => {
  const event = (id: string, gameDate: string, traceparent?: string): CloudEvent<MessagePublishedData> => ({
    specversion: '1.0',
    id,
    type: 'google.cloud.pubsub.topic.v1.messagePublished',
    source: '//pubsub.googleapis.com/projects/nba-props-test/topics/nba-predictions-trigger',
    ...(traceparent ? { traceparent } : {}),
    data: {
      message: {
        data: Buffer.from(JSON.stringify({ game_date: gameDate })).toString('base64'),
        messageId: id,
      },
    },
  });

  afterEach(() => resetRuntime());

  it('puts the incoming trace, span and one execution id on every line, per invocation', async () => {
    setRuntime(await memoryRuntime(() => new Date(), testConfig({ GOOGLE_CLOUD_PROJECT: 'nba-props-test' })));
    // A step that logs through the handler's logger and, after an await, through the root logger.
    const handler = pubsubHandler('startBatch', TriggerMessage, async (rt, msg, ctx) => {
      ctx.log.info(`step ${ctx.messageId}`);
      await new Promise((resolve) => setImmediate(resolve));
      rt.log.warn(`after await ${ctx.messageId}`);
    });
    const logs = captureLogs();
    try {
      await Promise.all([
        handler(event('m-1', '2025-12-05', W3C_EXAMPLE)),
        handler(event('m-2', '2025-12-05', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00')),
        handler(event('m-3', '2025-13-45')),
      ]);
    } finally {
      logs.restore();
    }
    const entries = logs.entries();
    const label = (e: Record<string, unknown>, k: string) =>
      (e['logging.googleapis.com/labels'] as Record<string, string> | undefined)?.[k];
    const of = (id: string) => entries.filter((e) => String(e.message).includes(id));
    const [one, two, three] = ['m-1', 'm-2', 'm-3'].map(of);
    expect([one.length, two.length, three.length]).toEqual([2, 2, 1]);
    for (const e of one) {
      expect(e).toMatchObject({
        'logging.googleapis.com/trace': 'projects/nba-props-test/traces/0af7651916cd43dd8448eb211c80319c',
        'logging.googleapis.com/spanId': 'b7ad6b7169203331',
        'logging.googleapis.com/trace_sampled': true,
      });
    }
    for (const e of two) {
      expect(e).toMatchObject({
        'logging.googleapis.com/trace': 'projects/nba-props-test/traces/4bf92f3577b34da6a3ce929d0e0e4736',
        'logging.googleapis.com/spanId': '00f067aa0ba902b7',
        'logging.googleapis.com/trace_sampled': false,
      });
    }
    expect(three[0]['logging.googleapis.com/trace']).toBeUndefined();
    expect(three[0].message).toMatch(/^message rejected \(BAD_PAYLOAD\)/);
    // One execution id per invocation, the same on each of its lines, 12 hex digits.
    const ids = [one, two, three].map((lines) => [...new Set(lines.map((e) => label(e, 'execution_id')))]);
    for (const set of ids) {
      expect(set).toHaveLength(1);
      expect(set[0]).toMatch(/^[0-9a-f]{12}$/);
    }
    expect(new Set(ids.flat()).size).toBe(3);
  });

  it('writes no trace field without a project (the local default), but keeps the span', async () => {
    setRuntime(await memoryRuntime());
    const handler = pubsubHandler('startBatch', TriggerMessage, () => Promise.resolve());
    const logs = captureLogs();
    try {
      await handler(event('m-4', '2025-13-45', W3C_EXAMPLE));
    } finally {
      logs.restore();
    }
    const [line] = logs.entries();
    expect(line['logging.googleapis.com/trace']).toBeUndefined();
    expect(line['logging.googleapis.com/spanId']).toBe('b7ad6b7169203331');
  });

  it('leaves lines outside an invocation without trace or execution id', () => {
    const logs = captureLogs();
    try {
      createLogger().info('cold start');
    } finally {
      logs.restore();
    }
    expect(logs.entries()[0]).not.toHaveProperty('logging.googleapis.com/labels');
    expect(logs.entries()[0]).not.toHaveProperty('logging.googleapis.com/trace');
  });
});
