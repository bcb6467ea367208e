/**
 * The CLI's progress bars (cli-progress), one module for all of them: over the players of a run,
 * fed by the local bus's events (each published prediction-request adds one to the total, each
 * delivered one advances the bar), and over the dates of a backtest or of the training rows (drawn
 * on stderr, cli-progress's default stream).
 */
import { SingleBar, Presets } from 'cli-progress';
import type { LocalBus } from '../lib/bus/local';
import { TOPICS, type TopicName } from '../lib/topics';

/** Attaches a bar to the bus; returns a function that stops it. */
export function attachProgress(bus: LocalBus, enabled: boolean): () => void {
  if (!enabled) return () => undefined;
  const bar = new SingleBar(
    {
      format: 'players {bar} {value}/{total} | {eta_formatted} left',
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  let started = false;
  let total = 0;
  const onPublished = (topic: TopicName) => {
    if (topic !== TOPICS.request) return;
    total += 1;
    if (!started) {
      bar.start(total, 0);
      started = true;
    } else bar.setTotal(total);
  };
  const onDone = (topic: TopicName) => {
    if (topic === TOPICS.request && started) bar.increment();
  };
  bus.on('published', onPublished);
  bus.on('delivered', onDone);
  bus.on('dead-lettered', (dl: { topic: TopicName }) => onDone(dl.topic));
  return () => {
    bus.off('published', onPublished);
    bus.off('delivered', onDone);
    if (started) bar.stop();
  };
}

/** A bar over a known number of steps; every method is a no-op when the bar is disabled. */
export interface StepProgress {
  /** Advances by one and shows `label` (e.g. the date just done). */
  tick(label: string): void;
  stop(): void;
}

/** A bar over the `total` dates of a backtest or of training-rows: `dates [====    ] 12/47 2025-11-01 | 0:31 left`. */
export function dateProgress(total: number, enabled: boolean): StepProgress {
  if (!enabled) return { tick: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    {
      format: 'dates {bar} {value}/{total} {date} | {eta_formatted} left',
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0, { date: '' });
  return {
    tick: (label) => bar.increment({ date: label }),
    stop: () => bar.stop(),
  };
}
