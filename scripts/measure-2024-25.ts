/**
 * Reruns the measurements behind the availability and early-season constants on the shipped
 * 2024-25 box scores (data before the evaluated dates), with DuckDB over the shipped CSVs:
 *
 * 1. availability (lib/model/availability-constants.ts): for every team game 2024-11-05..2025-02-07
 *    (the logs are ~99% complete to 2025-02-07), the players the selection would predict (last game
 *    for that team within 60 days, >= 15 minutes over his last 10 games, >= 5 team games known),
 *    their consecutive team games missed and share of the team's last 10 games played, and whether
 *    they then played (an absence is a team game with no row for him). Prints the share of the
 *    absences flagged and of the 20+ minute players shown likely_out for a grid of rules.
 * 2. early season (lib/model/early-season-constants.ts): the k of the shrinkage
 *    (j x this + k x prior) / (j + k) with the lowest error, for three split dates.
 *
 *     npx ts-node --transpile-only scripts/measure-2024-25.ts
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { dataFile } from '../lib/paths';

const PG = `read_csv('${dataFile('player_games_2024_25.csv.gz')}', all_varchar = true)`;
const TG = `read_csv('${dataFile('team_games_2024_25.csv.gz')}', all_varchar = true)`;

type Row = Record<string, string | number | boolean | null>;
async function rows(c: DuckDBConnection, sql: string): Promise<Row[]> {
  return (await c.runAndReadAll(sql)).getRowObjectsJson() as Row[];
}

async function availability(c: DuckDBConnection): Promise<void> {
  await c.run(`CREATE TABLE pg AS SELECT player_key AS p, CAST(game_date AS DATE) AS d, team AS t, CAST(minutes AS DOUBLE) AS m
    FROM ${PG} WHERE CAST(minutes AS DOUBLE) > 0`);
  await c.run(`CREATE TABLE tgn AS SELECT t, d, ROW_NUMBER() OVER (PARTITION BY t ORDER BY d) AS n
    FROM (SELECT DISTINCT team AS t, CAST(game_date AS DATE) AS d FROM ${TG} WHERE season_type = 'regular')`);
  await c.run(`CREATE TABLE cand AS
    WITH last AS (
      SELECT g.t, g.d AS gd, g.n, p.p, MAX(p.d) AS lastd FROM tgn g
      JOIN pg p ON p.t = g.t AND p.d < g.d AND p.d >= g.d - INTERVAL 60 DAY GROUP BY ALL)
    SELECT l.*,
      (SELECT COUNT(*) FROM tgn x WHERE x.t = l.t AND x.d > l.lastd AND x.d < l.gd) AS missed,
      (SELECT COUNT(*) FROM pg y JOIN tgn z ON z.t = y.t AND z.d = y.d
        WHERE y.p = l.p AND z.t = l.t AND z.n BETWEEN l.n - 10 AND l.n - 1) AS played10,
      LEAST(l.n - 1, 10) AS teamg10,
      (SELECT AVG(m) FROM (SELECT m FROM pg y WHERE y.p = l.p AND y.d < l.gd ORDER BY y.d DESC LIMIT 10)) AS avgmin10,
      COALESCE((SELECT MAX(m) FROM pg y WHERE y.p = l.p AND y.d = l.gd), 0) AS min_today
    FROM last l
    WHERE NOT EXISTS (SELECT 1 FROM pg y WHERE y.p = l.p AND y.d > l.lastd AND y.d < l.gd AND y.t <> l.t)`);
  await c.run(`CREATE TABLE sel AS SELECT *, played10 * 1.0 / teamg10 AS share FROM cand
    WHERE avgmin10 >= 15 AND missed < 10 AND teamg10 >= 5 AND gd BETWEEN DATE '2024-11-05' AND DATE '2025-02-07'`);
  const [tot] = await rows(
    c,
    `SELECT COUNT(*) AS n, SUM(CASE WHEN min_today = 0 THEN 1 ELSE 0 END) AS dnp,
    SUM(CASE WHEN min_today >= 20 THEN 1 ELSE 0 END) AS p20 FROM sel`,
  );
  process.stdout.write(
    `availability: ${String(tot.n)} player-games, ${String(tot.dnp)} did not play, ${String(tot.p20)} played 20+ min\n`,
  );
  process.stdout.write('likely_out at >= L straight misses; questionable at >= 1 miss or share < S\n');
  process.stdout.write(
    'L  S    absences flagged  20+ min likely_out  20+ min questionable  likely_out precision\n',
  );
  for (const L of [2, 3, 4]) {
    for (const S of [0.5, 0.6, 0.7, 0.8]) {
      const [r] = await rows(
        c,
        `SELECT
        SUM(CASE WHEN min_today = 0 AND (missed >= 1 OR share < ${S}) THEN 1 ELSE 0 END) AS flagged,
        SUM(CASE WHEN min_today >= 20 AND missed >= ${L} THEN 1 ELSE 0 END) AS out20,
        SUM(CASE WHEN min_today >= 20 AND missed < ${L} AND (missed >= 1 OR share < ${S}) THEN 1 ELSE 0 END) AS q20,
        SUM(CASE WHEN missed >= ${L} THEN 1 ELSE 0 END) AS outs,
        SUM(CASE WHEN missed >= ${L} AND min_today = 0 THEN 1 ELSE 0 END) AS outs_dnp FROM sel`,
      );
      const pct = (a: unknown, b: unknown) => `${((100 * Number(a)) / Number(b)).toFixed(1)}%`;
      process.stdout.write(
        `${L}  ${S.toFixed(1)}  ${pct(r.flagged, tot.dnp).padStart(16)}  ${pct(r.out20, tot.p20).padStart(18)}  ` +
          `${pct(r.q20, tot.p20).padStart(20)}  ${pct(r.outs_dnp, r.outs).padStart(20)}\n`,
      );
    }
  }
}

async function shrinkage(c: DuckDBConnection): Promise<void> {
  const ks = [0, 2, 4, 6, 8, 10, 12, 15, 20, 30];
  for (const [split, end] of [
    ['2024-12-01', '2025-01-20'],
    ['2024-12-25', '2025-02-07'],
    ['2025-01-10', '2025-02-28'],
  ]) {
    const games = await rows(
      c,
      `SELECT player_key AS p, game_date AS d, CAST(pts AS DOUBLE) AS pts, CAST(minutes AS DOUBLE) AS m
      FROM ${PG} WHERE CAST(minutes AS DOUBLE) > 0 AND game_date <= '${end}' ORDER BY p, d`,
    );
    const byPlayer = new Map<string, Row[]>();
    for (const g of games) byPlayer.set(String(g.p), [...(byPlayer.get(String(g.p)) ?? []), g]);
    const sse = ks.map(() => 0);
    let n = 0;
    for (const gs of byPlayer.values()) {
      const before = gs.filter((g) => String(g.d) < split);
      const after = gs.filter((g) => String(g.d) >= split).slice(0, 20);
      if (before.length < 15 || after.length < 2) continue;
      const prior = before.reduce((a, g) => a + Number(g.pts), 0) / before.length;
      if (before.reduce((a, g) => a + Number(g.m), 0) / before.length < 15) continue;
      let sum = 0;
      after.forEach((g, j) => {
        if (j >= 1) {
          ks.forEach((k, i) => {
            sse[i] += ((j * (sum / j) + k * prior) / (j + k) - Number(g.pts)) ** 2;
          });
          n += 1;
        }
        sum += Number(g.pts);
      });
    }
    const rmse = sse.map((s) => Math.sqrt(s / n));
    const best = ks[rmse.indexOf(Math.min(...rmse))];
    process.stdout.write(
      `shrinkage split ${split}: ${n} predictions; RMSE by k: ${ks.map((k, i) => `${k}:${rmse[i].toFixed(3)}`).join(' ')}; best k ${best}\n`,
    );
  }
}

async function main(): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await availability(c);
  await shrinkage(c);
}

void main();
