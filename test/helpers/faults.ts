/**
 * Fault injection for the in-process bus: wraps each handler it delivers to (lib/local/runtime.ts
 * `wrapHandler`) and, per delivery, at random (a seeded generator), crashes before the handler,
 * crashes after it (its effects stay, the bus redelivers), delivers it twice at once, or delivers
 * it again later; every trigger is delivered twice at once. A message is crashed at most twice,
 * so it never reaches the dead-letter topic because of the injector.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventHandler, LocalBus } from '../../lib/bus/local';
import type { FunctionName } from '../../lib/topics';

/** Faults injected, by kind. */
export interface FaultCounts {
  crash_before: number;
  crash_after: number;
  duplicate: number;
  delayed_redelivery: number;
  concurrent_trigger: number;
}

/** mulberry32: a small seeded generator of numbers in [0, 1) (public domain, Tommy Ettinger). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Probabilities of each fault per delivery (cumulative thresholds below). */
const P_CRASH_BEFORE = 0.07;
const P_CRASH_AFTER = 0.07;
const P_DUPLICATE = 0.12;
const P_DELAYED = 0.1;
/** Crashes per message at most (the bus allows 5 attempts). */
const MAX_CRASHES = 2;

/** The injector. */
export class FaultInjector {
  readonly counts: FaultCounts = {
    crash_before: 0,
    crash_after: 0,
    duplicate: 0,
    delayed_redelivery: 0,
    concurrent_trigger: 0,
  };
  /** Failures of delayed redeliveries (no bus retries them, so there must be none). */
  readonly delayedErrors: string[] = [];
  private readonly crashes = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly rand: () => number) {}

  /** The `wrapHandler` option of createLocalRuntime. */
  wrap = (name: FunctionName, handler: EventHandler): EventHandler => {
    return async (ce) => {
      const crashed = this.crashes.get(ce.id) ?? 0;
      const twice = async () => {
        await Promise.all([handler(ce), handler(ce)]);
      };
      if (name === 'startBatch' && crashed === 0 && !this.crashes.has(ce.id)) {
        this.crashes.set(ce.id, 0);
        this.counts.concurrent_trigger += 1;
        await twice();
        return;
      }
      const r = this.rand();
      const mayCrash = crashed < MAX_CRASHES;
      if (mayCrash && r < P_CRASH_BEFORE) {
        this.crashes.set(ce.id, crashed + 1);
        this.counts.crash_before += 1;
        throw new Error(`injected crash before ${name}`);
      }
      if (mayCrash && r < P_CRASH_BEFORE + P_CRASH_AFTER) {
        await handler(ce);
        this.crashes.set(ce.id, crashed + 1);
        this.counts.crash_after += 1;
        throw new Error(`injected crash after ${name}`);
      }
      if (r < P_CRASH_BEFORE + P_CRASH_AFTER + P_DUPLICATE) {
        this.counts.duplicate += 1;
        await twice();
        return;
      }
      await handler(ce);
      if (r < P_CRASH_BEFORE + P_CRASH_AFTER + P_DUPLICATE + P_DELAYED) {
        this.counts.delayed_redelivery += 1;
        const p: Promise<void> = sleep(20 + Math.floor(this.rand() * 400))
          .then(() => handler(ce))
          .then(
            () => undefined,
            (err: unknown) => {
              this.delayedErrors.push(
                `${name} ${ce.id}: ${err instanceof Error ? err.message : String(err)}`,
              );
            },
          )
          .finally(() => this.pending.delete(p));
        this.pending.add(p);
      }
    };
  };

  /** Waits until the bus is idle and every delayed redelivery (and what it published) has run. */
  async idle(bus: LocalBus): Promise<void> {
    for (;;) {
      await bus.drain();
      if (this.pending.size === 0) return;
      await Promise.all([...this.pending]);
    }
  }
}
