/**
 * The backtest's clock: each date runs "at" its scheduled same-day run (11:30 ET, terraform
 * scheduler job `same-day-predictions`, lib/dates.ts MORNING_RUN_ET), so what startBatch reads as
 * known (the injury report pulls published by then) is what a real run of that morning had. Time
 * still advances from there with the wall clock, so created_at and deadlines keep their order.
 */
import { morningRunInstant } from '../../lib/dates';

/** A clock pinned to a date's morning run, advancing with real time. */
export class ScheduledRunClock {
  private base: number | null = null;
  private startedAt = 0;

  /** Pins the clock to `gameDate`'s morning run from now on. */
  pin(gameDate: string): void {
    this.base = morningRunInstant(gameDate).getTime();
    this.startedAt = Date.now();
  }

  /** The current instant: the pinned run plus the real time elapsed since; real time before any pin. */
  now(): Date {
    return this.base === null ? new Date() : new Date(this.base + (Date.now() - this.startedAt));
  }
}
