/**
 * Benchmark: the batch history loader against one query per player, on the same DuckDB and the
 * same players, checking that both return the same rows.
 *
 * For each N of `--players` (default 248,450,1000): the N players who played most recently before
 * `--date` (copies of real players are added when the data has fewer, bench/clone.ts), then
 * - loop: one query per player (his newest 30 games in the 365 days before the date), through the
 *   warehouse port, as a per-player loader would;
 * - batch: the build's batch loader for the same players (this build: `loadHistories`, one query
 *   read by column; a build without it: its one history query read as row objects, grouped the way
 *   that build's loadSlate grouped them).
 * Both results are reduced to one canonical digest (every field of every game, per player in
 * order); the bench fails when they differ.
 *
 *   node dist/bench/loader.js [--players 248,450,1000] [--date 2025-12-05] [--code <checkout>]
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Game } from '../lib/messages';
import type { Row, Warehouse } from '../lib/warehouse/port';
import { clonePlayers } from './clone';
import { loadBuild, msSince, option, spread, type Build } from './code';

/** One player's history with the query's game fields (newest first). */
type Histories = Map<string, Array<Record<string, unknown>>>;

const GAME_FIELDS: ReadonlyArray<keyof Game> = [
  'game_id',
  'game_date',
  'season',
  'team_abbr',
  'opponent_team_abbr',
  'is_home',
  'minutes',
  'points',
  'fgm',
  'fga',
  'fg3m',
  'fg3a',
  'ftm',
  'fta',
  'tov',
];

/** The per-player query: one player's newest @max_games games in the window. */
export const PER_PLAYER_HISTORY = `
SELECT player_lookup, player_name, game_id, CAST(game_date AS STRING) AS game_date, season, team_abbr,
       opponent_team_abbr, is_home, minutes_played AS minutes, points, fgm, fga, fg3m, fg3a, ftm, fta, tov
FROM {{nba_analytics.player_game_summary}}
WHERE player_lookup = @player_lookup
  AND game_date < CAST(@game_date AS DATE) AND game_date >= CAST(@history_start AS DATE)
ORDER BY game_date DESC, game_id DESC
LIMIT @max_games`;

/** The @n players who played last before the date, real ones before copies (bench/clone.ts names them `<name> (k)`). */
const MOST_RECENT_PLAYERS = `
SELECT player_lookup FROM {{nba_analytics.player_game_summary}}
WHERE game_date < CAST(@game_date AS DATE) AND game_date >= CAST(@history_start AS DATE)
GROUP BY player_lookup
ORDER BY MAX(CASE WHEN regexp_matches(player_name, ' \\([0-9]+\\)$') THEN 1 ELSE 0 END), MAX(game_date) DESC, player_lookup
LIMIT @n`;

/** Canonical digest of histories: players sorted, games in order, GAME_FIELDS only. */
function digest(h: Histories, players: readonly string[]): { sha: string; games: number } {
  const hash = createHash('sha256');
  let games = 0;
  for (const p of [...players].sort()) {
    for (const g of h.get(p) ?? []) {
      hash.update(`${p}|${GAME_FIELDS.map((f) => JSON.stringify(g[f] ?? null)).join('|')}\n`);
      games += 1;
    }
  }
  return { sha: hash.digest('hex').slice(0, 16), games };
}

interface Window {
  game_date: string;
  history_start: string;
  max_games: number;
}

async function perPlayerLoop(wh: Warehouse, players: readonly string[], w: Window): Promise<Histories> {
  const out: Histories = new Map();
  for (const p of players) {
    const rows = await wh.query<Row>(PER_PLAYER_HISTORY, { ...w, player_lookup: p });
    if (rows.length > 0) out.set(p, rows);
  }
  return out;
}

/** The build's batch loader for `players`. */
function batchLoader(b: Build): (wh: Warehouse, players: readonly string[], w: Window) => Promise<Histories> {
  try {
    const { loadHistories } = b.loadFirst<typeof import('../lib/data/histories')>([
      'lib/data/histories',
      'lib/pipeline/histories',
    ]);
    return async (wh, players, w) =>
      (
        await loadHistories(wh, w.game_date, players, {
          historyGames: w.max_games,
          historyDays: 365,
        })
      ).histories;
  } catch {
    // A build from before the columnar loader: its one query for all candidates, with the players
    // passed as the lined players, read and grouped as its loadSlate did.
    const { HISTORY_OF_CANDIDATES } = b.load<{ HISTORY_OF_CANDIDATES: string }>('lib/warehouse/sql/slate');
    return async (wh, players, w) => {
      const rows = await wh.query<Row & { player_lookup: string }>(HISTORY_OF_CANDIDATES, {
        ...w,
        teams: [],
        lined_lookups: players,
      });
      const out: Histories = new Map();
      for (const r of rows) out.set(r.player_lookup, [...(out.get(r.player_lookup) ?? []), r]);
      return out;
    };
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const gameDate = option(argv, 'date') ?? '2025-12-05';
  const sizes = (option(argv, 'players') ?? '248,450,1000').split(',').map(Number);
  const batchRuns = Number(option(argv, 'batch-runs') ?? 15);
  const loopRuns = Number(option(argv, 'loop-runs') ?? 3);
  const b = loadBuild(option(argv, 'code'));
  b.log.setLogSink(() => undefined);
  const dir = option(argv, 'dir') ?? join(process.env.NBA_LOCAL_DIR ?? '.local', 'bench-loader');
  const config = b.config.parseConfig({ ...process.env, NBA_LOCAL_DIR: dir });
  const rt = await b.localRuntime.createLocalRuntime(config);
  const wh = rt.warehouse;
  const w: Window = {
    game_date: gameDate,
    history_start: new Date(Date.parse(`${gameDate}T00:00:00Z`) - 365 * 86_400_000)
      .toISOString()
      .slice(0, 10),
    max_games: 30,
  };
  const batch = batchLoader(b);
  const results = [];
  for (const n of sizes) {
    let players = (await wh.query<{ player_lookup: string }>(MOST_RECENT_PLAYERS, { ...w, n })).map(
      (r) => r.player_lookup,
    );
    if (players.length < n) {
      await clonePlayers(wh, players, n);
      players = (await wh.query<{ player_lookup: string }>(MOST_RECENT_PLAYERS, { ...w, n })).map(
        (r) => r.player_lookup,
      );
    }
    const loopMs: number[] = [];
    const batchMs: number[] = [];
    let loopDigest = { sha: '', games: 0 };
    let batchDigest = { sha: '', games: 0 };
    await batch(wh, players, w); // warm-up
    for (let i = 0; i < Math.max(loopRuns, batchRuns); i += 1) {
      if (i < loopRuns) {
        const t0 = process.hrtime.bigint();
        const h = await perPlayerLoop(wh, players, w);
        loopMs.push(msSince(t0));
        loopDigest = digest(h, players);
      }
      const t1 = process.hrtime.bigint();
      const h = await batch(wh, players, w);
      batchMs.push(msSince(t1));
      batchDigest = digest(h, players);
    }
    if (loopDigest.sha !== batchDigest.sha)
      throw new Error(
        `batch and loop differ at ${n} players: ${JSON.stringify({ loopDigest, batchDigest })}`,
      );
    const loop = spread(loopMs);
    const bat = spread(batchMs);
    results.push({
      players: players.length,
      games: batchDigest.games,
      digest: batchDigest.sha,
      loop_ms: loop,
      batch_ms: bat,
      speedup_median: Math.round((loop.median / bat.median) * 10) / 10,
    });
  }
  await wh.close();
  process.stdout.write(
    JSON.stringify({ code: option(argv, 'code') ?? '(this build)', game_date: gameDate, results }) + '\n',
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
