/**
 * A batch's manifest (docs/DESIGN.md §3 `prediction_batch_members`): the players it predicts and,
 * for each, the game, date, teams and main line startBatch published. startBatch loads it before it
 * creates the batch row, so a batch row always has its whole manifest, and it never changes after.
 * predictPlayer and onBatchComplete check every message against it; the completion count and the
 * consolidation MERGE join against it in SQL (lib/warehouse/sql/predictions.ts).
 *
 * Each process keeps the manifests it read (immutable, so never stale): checking a message costs
 * no query after the first message of a batch on an instance, and the first messages of a batch
 * arriving together share one read (before, the bus's 64 concurrent deliveries each read it: 63
 * reads, 0.28 s of a 248-player slate).
 */
import { PermanentError } from '../errors';
import type { Candidate } from '../slate/select';
import type { Row, Warehouse } from '../warehouse/port';
import { MEMBERS_SPEC } from '../warehouse/schema';
import { MEMBERS_OF_BATCH } from '../warehouse/sql/members';
import { findBatch } from './batches';

/** One member of a batch. */
export interface BatchMember {
  player_lookup: string;
  game_id: string;
  /** YYYY-MM-DD (US-Eastern). */
  game_date: string;
  team_abbr: string;
  opponent_team_abbr: string;
  is_home: boolean;
  /** Consensus main line published to the player, points; null without a line. */
  line_points: number | null;
}

/** A batch's members by player_lookup. */
export type Manifest = ReadonlyMap<string, BatchMember>;

/** Manifests kept per warehouse (tests open many), newest last; at most this many per warehouse. */
export const MANIFEST_CACHE_SIZE = 32;

const caches = new WeakMap<Warehouse, Map<string, Promise<Manifest>>>();

/** The manifest rows of a batch's candidates (what startBatch loads). `createdAt` is ISO. */
export function manifestRows(
  batchId: string,
  gameDate: string,
  candidates: readonly Candidate[],
  createdAt: string,
): Row[] {
  return candidates.map((c) => ({
    batch_id: batchId,
    game_date: gameDate,
    player_lookup: c.player_lookup,
    game_id: c.game_id,
    team_abbr: c.team_abbr,
    opponent_team_abbr: c.opponent_team_abbr,
    is_home: c.is_home,
    line_points: c.line?.points ?? null,
    created_at: createdAt,
  }));
}

/** Loads a batch's manifest (a load job; call before the batch row is created). */
export async function writeManifest(wh: Warehouse, rows: readonly Row[]): Promise<void> {
  await wh.load(MEMBERS_SPEC, rows);
}

/**
 * The manifest of a batch, read once per process and batch. An empty result (an unknown batch, or
 * one with no members) is not kept, so it is read again next time.
 */
export async function batchManifest(wh: Warehouse, batchId: string): Promise<Manifest> {
  let cache = caches.get(wh);
  if (!cache) {
    cache = new Map();
    caches.set(wh, cache);
  }
  const hit = cache.get(batchId);
  if (hit) return hit;
  const reading = wh.query<BatchMember>(MEMBERS_OF_BATCH, { batch_id: batchId }).then(
    (rows): Manifest => new Map(rows.map((m) => [m.player_lookup, m])),
  );
  const kept = cache;
  kept.set(batchId, reading);
  while (kept.size > MANIFEST_CACHE_SIZE) kept.delete(kept.keys().next().value as string);
  // a failed or empty read is not kept: the next message reads again
  const forget = () => {
    if (kept.get(batchId) === reading) kept.delete(batchId);
  };
  void reading.then((m) => {
    if (m.size === 0) forget();
  }, forget);
  return reading;
}

/** What a message says about a member (every field optional except the keys). */
export interface MemberClaim {
  batch_id: string;
  player_lookup: string;
  game_date: string;
  game_id?: string;
  team_abbr?: string;
  opponent_team_abbr?: string;
  is_home?: boolean;
  /** The main line the message carries (null without a line), when it carries one. */
  line_points?: number | null;
}

/**
 * The member a message is about.
 * @throws PermanentError `UNKNOWN_BATCH` (field batch_id) when the batch does not exist, and
 *   `NOT_IN_BATCH` naming the first field that does not match the manifest (player_lookup,
 *   game_date, game_id, team_abbr, opponent_team_abbr, is_home, line.points) with both values.
 */
export async function assertMember(wh: Warehouse, claim: MemberClaim): Promise<BatchMember> {
  const manifest = await batchManifest(wh, claim.batch_id);
  const member = manifest.get(claim.player_lookup);
  if (!member) {
    if (manifest.size === 0 && !(await findBatch(wh, claim.batch_id))) {
      throw new PermanentError('UNKNOWN_BATCH', `batch_id: batch ${claim.batch_id} does not exist`, {
        field: 'batch_id',
      });
    }
    throw new PermanentError(
      'NOT_IN_BATCH',
      `player_lookup: "${claim.player_lookup}" is not one of the ${manifest.size} players of batch ${claim.batch_id}`,
      { field: 'player_lookup' },
    );
  }
  const checks: Array<[string, unknown, unknown]> = [
    ['game_date', claim.game_date, member.game_date],
    ['game_id', claim.game_id, member.game_id],
    ['team_abbr', claim.team_abbr, member.team_abbr],
    ['opponent_team_abbr', claim.opponent_team_abbr, member.opponent_team_abbr],
    ['is_home', claim.is_home, member.is_home],
    ['line.points', claim.line_points, member.line_points],
  ];
  for (const [field, got, expected] of checks) {
    if (got !== undefined && got !== expected) {
      throw new PermanentError(
        'NOT_IN_BATCH',
        `${field}: ${JSON.stringify(got)} does not match batch ${claim.batch_id}, which has ${JSON.stringify(expected)} for ${claim.player_lookup}`,
        { field },
      );
    }
  }
  return member;
}
