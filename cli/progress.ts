/**
 * Progress bar over the players of a run (cli-progress), fed by the local bus's events: each
 * published prediction-request adds one to the total, each delivered one advances the bar.
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
