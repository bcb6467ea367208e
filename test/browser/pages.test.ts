/**
 * The pages in a real browser: the real 2025-12-05 slate (12 games) and a date without games
 * (2025-11-27) run on the embedded default into temporary buckets, served by the same server as
 * `nba-props view`, loaded in headless system Chromium. Any console error, page error or failed
 * request fails the test. Screenshots go to test-output/screenshots/ for a person to look at.
 * Skipped, with the reason printed, where no Chromium can be found.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import '../../functions';
import { startViewServer, type ViewServer } from '../../cli/view-server';
import type { PlayerDoc } from '../../lib/export/player';
import type { TonightDoc } from '../../lib/export/tonight';
import type { SiteManifest } from '../../lib/site/publish';
import { createLocalRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { setRuntime } from '../../lib/runtime';
import { TOPICS } from '../../lib/topics';
import type { PerformanceView, PlayerView, TonightView } from '../../site/src/types';
import { chromiumUnavailable, launchChromium, screenshot, watchedPage } from '../helpers/browser';
import { testConfig } from '../helpers/runtime';

const skipReason = chromiumUnavailable();
if (skipReason) process.stderr.write(`[browser] SKIPPED: ${skipReason}\n`);
const suite = skipReason ? describe.skip : describe;

jest.setTimeout(120_000);

let rt: LocalRuntime;
let browser: Browser;
const servers: Record<'slate' | 'empty' | 'planned' | 'graded', ViewServer> = {} as never;
let tonight: TonightDoc;

/** Runs a date through the bus and copies the bucket it left to a folder of its own. */
async function runInto(gameDate: string): Promise<string> {
  await rt.bus.publish(TOPICS.trigger, { game_date: gameDate, force: true });
  await rt.bus.drain();
  const dir = mkdtempSync(join(tmpdir(), `nba-props-pages-${gameDate}-`));
  cpSync(rt.store.root, dir, { recursive: true });
  return dir;
}

/**
 * The 2025-12-05 bucket with values a person can check by eye: Jokić with other best prices,
 * P(over), EV and a stake; a teammate likely out (PASS, LIKELY_OUT) moved after the available
 * players, as the export orders them (the shipped data has no likely-out player that night).
 */
function withPlannedFields(from: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nba-props-pages-planned-'));
  cpSync(from, dir, { recursive: true });
  const path = join(dir, 'v1', 'tonight', 'all-players.json');
  const doc = JSON.parse(readFileSync(path, 'utf8')) as TonightView;
  const game = doc.games.find((g) => g.players.some((p) => p.player_lookup === 'nikolajokic'))!;
  game.players = game.players.map((p): PlayerView => {
    if (p.player_lookup === 'nikolajokic') {
      return {
        ...p,
        opponent: 'ATL',
        availability: { status: 'active', reasons: [] },
        props: [
          {
            ...p.props![0],
            books: 7,
            over_odds: -105,
            over_book: 'fanduel',
            under_odds: 102,
            under_book: 'draftkings',
            no_vig_p_over: 0.488,
          },
        ],
        prediction: {
          ...p.prediction!,
          predicted: 25.84,
          edge: -3.66,
          p_over: 0.371,
          p_under: 0.629,
          p_push: null,
          recommendation: 'UNDER',
          pass_reason: null,
          pass_detail: null,
          confidence: 0.629,
          ev: 0.2707,
          price: { odds: 102, book: 'draftkings' },
          stake_fraction: 0.0125,
        },
      };
    }
    return p;
  });
  const outIndex = game.players.findIndex((p) => p.player_lookup !== 'nikolajokic' && p.has_line);
  const [out] = game.players.splice(outIndex, 1);
  game.players.push({
    ...out,
    availability: { status: 'likely_out', reasons: ['missed the team’s last 4 games'] },
    prediction: { ...out.prediction!, recommendation: 'PASS', pass_reason: 'LIKELY_OUT', ev: null },
  });
  writeFileSync(path, JSON.stringify(doc));
  return dir;
}

suite('the pages in Chromium', () => {
  beforeAll(async () => {
    rt = await createLocalRuntime(testConfig(), { databasePath: ':memory:' });
    setRuntime(rt);
    // the older date first: an export leaves v1/tonight/ alone once a later date is consolidated
    const empty = await runInto('2025-11-27');
    await runInto('2025-12-04');
    const slate = await runInto('2025-12-05');
    // the next morning's job: grade 2025-12-04, write its results and the performance windows
    await rt.bus.publish(TOPICS.export, {
      export_types: ['results', 'performance'],
      target_date: '2025-12-04',
    });
    await rt.bus.drain();
    const graded = mkdtempSync(join(tmpdir(), 'nba-props-pages-graded-'));
    cpSync(rt.store.root, graded, { recursive: true });
    tonight = JSON.parse(
      readFileSync(join(slate, 'v1', 'tonight', 'all-players.json'), 'utf8'),
    ) as TonightDoc;
    servers.slate = await startViewServer({ root: slate });
    servers.empty = await startViewServer({ root: empty });
    servers.planned = await startViewServer({ root: withPlannedFields(slate) });
    servers.graded = await startViewServer({ root: graded });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(Object.values(servers).map((s) => s.close()));
    await rt?.warehouse.close();
  });

  /** Opens a page of a server and waits for the script to fill `#main`. */
  async function open(server: ViewServer, path: string, opts: { width?: number; allow?: string[] } = {}) {
    const ctx = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: 900 } });
    const w = await watchedPage(ctx, opts.allow);
    await w.page.goto(server.url + path, { waitUntil: 'networkidle' });
    await w.page.waitForFunction(() => !document.querySelector('#main > p.muted'));
    return { ...w, close: () => ctx.close() };
  }

  const textsOf = (page: Page, sel: string) => page.locator(sel).allInnerTexts();
  const numbers = (texts: string[]) => texts.filter((t) => t !== '-').map(Number);

  /** A player of the slate's export. */
  const exported = (lookup: string) =>
    tonight.games.flatMap((g) => g.players).find((p) => p.player_lookup === lookup)!;

  it("shows tonight's 12 games with Nikola Jokić, his line, P(over), PASS reasons and no-line players", async () => {
    const { page, problems, close } = await open(servers.slate, 'index.html');
    expect(await page.locator('h1').innerText()).toBe('Tonight · Fri, Dec 5, 2025');
    expect(await page.locator('section.game').count()).toBe(12);
    const row = page.locator('tr[data-player="nikolajokic"]');
    expect(await row.locator('td[data-col="name"] a').innerText()).toBe('Nikola Jokić');
    const jokic = exported('nikolajokic');
    expect(jokic.props?.[0].line).toBe(29.5);
    expect(await row.locator('td[data-col="line"]').innerText()).toBe('29.5');
    const pOver = jokic.prediction?.p_over as number;
    expect(await row.locator('td[data-col="p_over"]').innerText()).toBe(`${(100 * pOver).toFixed(1)}%`);
    const pick = row.locator('td[data-col="pick"]');
    if (jokic.prediction?.recommendation === 'PASS') {
      expect(await pick.innerText()).toMatch(/^PASS · \S/); // with its reason in words
      expect(await pick.getAttribute('title')).toBe(
        jokic.prediction.pass_detail ?? jokic.prediction.pass_reason,
      );
    } else {
      expect(await pick.innerText()).toBe(jokic.prediction?.recommendation);
    }
    const passes = tonight.games
      .flatMap((g) => g.players)
      .filter((p) => p.prediction?.recommendation === 'PASS');
    expect(await page.locator('td[data-col="pick"]', { hasText: /^PASS · / }).count()).toBe(passes.length);
    expect(await page.locator('td[data-col="pick"]', { hasText: 'no line' }).count()).toBe(
      tonight.total_players - tonight.total_with_lines,
    );
    await screenshot(page, 'tonight');
    expect(problems).toEqual([]);
    await close();
  });

  it('sorts every game by edge (both ways, missing last), by P(over) and by EV, and shows one table', async () => {
    const { page, problems, close } = await open(servers.slate, 'index.html');
    const firstGame = 'section.game:first-of-type';
    const column = async (id: string) => textsOf(page, `${firstGame} td[data-col="${id}"]`);
    await page.locator('button[data-sort="edge"]').first().click();
    const desc = await column('edge');
    const d = numbers(desc);
    expect(d).toEqual([...d].sort((a, b) => b - a));
    expect(desc.slice(d.length).every((t) => t === '-')).toBe(true);
    await page.locator('button[data-sort="edge"]').first().click();
    const a = numbers(await column('edge'));
    expect(a).toEqual([...a].sort((x, y) => x - y));
    for (const id of ['p_over', 'ev']) {
      await page.locator(`button[data-sort="${id}"]`).first().click();
      const v = numbers((await column(id)).map((t) => t.replace('%', '')));
      expect({ id, n: v.length > 0, sorted: v }).toEqual({
        id,
        n: true,
        sorted: [...v].sort((x, y) => y - x),
      });
    }
    await page.locator('#opt-combined').check();
    expect(await page.locator('section.game').count()).toBe(1);
    expect(await page.locator('#all-players tbody tr').count()).toBe(tonight.total_players);
    await page.locator('#opt-picksOnly').check();
    const picks = tonight.games
      .flatMap((g) => g.players)
      .filter((p) => p.prediction?.recommendation === 'OVER' || p.prediction?.recommendation === 'UNDER');
    expect(await page.locator('#all-players tbody tr').count()).toBe(picks.length);
    if (picks.length === 0) {
      expect(await page.locator('#no-picks').innerText()).toBe(
        'No picks on this slate: every row is a PASS.',
      );
    }
    expect(problems).toEqual([]);
    await close();
  });

  it("opens Nikola Jokić's card with his line, the last-ten chart against it and every system", async () => {
    const { page, problems, close } = await open(servers.slate, 'index.html');
    await page.locator('tr[data-player="nikolajokic"] a').click();
    await page.waitForSelector('#chart svg');
    expect(page.url()).toBe(`${servers.slate.url}player.html?p=nikolajokic`);
    expect(await page.locator('h1').innerText()).toBe('Nikola Jokić');
    expect(await page.locator('#tonight dd').first().innerText()).toBe('29.5');
    const chart = await page.locator('#chart svg').innerHTML();
    expect(chart).toContain('tonight 29.5');
    const card = JSON.parse(
      readFileSync(join(servers.slate.root, 'v1/tonight/player/nikolajokic.json'), 'utf8'),
    ) as PlayerDoc;
    expect(card.recent_games).toHaveLength(10);
    for (const g of card.recent_games) expect(chart).toContain(g.game_date.slice(5)); // each game's MM-DD label
    expect(await page.locator('#systems tbody tr').count()).toBe(5);
    expect(await page.locator('#recent tbody tr').count()).toBe(10);
    await screenshot(page, 'player', true);
    expect(problems).toEqual([]);
    await close();
  });

  it('shows the backtest charts on the performance page and says what is not exported yet', async () => {
    const { page, problems, close } = await open(servers.slate, 'performance.html');
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('figure.chart img')).every(
        (i) => (i as HTMLImageElement).complete,
      ),
    );
    const sizes = await page.$$eval('figure.chart img', (imgs) =>
      imgs.map((i) => (i as HTMLImageElement).naturalWidth),
    );
    expect(sizes.length).toBeGreaterThanOrEqual(4);
    expect(sizes.every((w) => w > 0)).toBe(true);
    const manifest = JSON.parse(
      readFileSync(join(servers.slate.root, 'v1/site.json'), 'utf8'),
    ) as SiteManifest;
    expect(sizes).toHaveLength(manifest.backtest?.charts.length ?? -1);
    expect(await page.locator('figure.chart[data-chart="mae"] figcaption').innerText()).toBe(
      'Lined MAE per system against the line’s own MAE (same rows)',
    );
    expect(await page.locator('figure.chart[data-chart="reliability"]').count()).toBe(1);
    expect(await page.locator('#backtest tbody tr').count()).toBe(5);
    expect(await page.locator('#exports').innerText()).toContain(
      'Daily results (results/) are not exported yet.',
    );
    await screenshot(page, 'performance', true);
    expect(problems).toEqual([]);
    await close();
  });

  it('shows the graded days window by window once the daily exports exist', async () => {
    const doc = JSON.parse(
      readFileSync(join(servers.graded.root, 'v1/performance/systems.json'), 'utf8'),
    ) as PerformanceView;
    const season = doc.windows.season!;
    const { page, problems, close } = await open(servers.graded, 'performance.html');
    expect(await page.locator('#rolling h2').innerText()).toBe('Graded days through Thu, Dec 4, 2025');
    expect(await page.locator('#rolling h3').allInnerTexts()).toEqual([
      'Last 7 days: Fri, Nov 28, 2025 to Thu, Dec 4, 2025',
      'Last 30 days: Wed, Nov 5, 2025 to Thu, Dec 4, 2025',
      'Season: Wed, Oct 1, 2025 to Thu, Dec 4, 2025',
    ]);
    // one graded slate (2025-12-04) in every window; each table has the five systems
    expect(season.slates).toBe(1);
    expect(await page.locator('#rolling table').count()).toBe(3);
    const rows = page.locator('#rolling table').last().locator('tbody tr');
    expect(await rows.count()).toBe(5);
    expect(await rows.first().locator('td').nth(1).innerText()).toBe(String(season.systems[0].lined.n));
    expect(await page.locator('#exports').innerText()).toContain('results/2025-12-04.json');
    expect(problems).toEqual([]);
    await close();
  });

  it('says there are no games on a date without games', async () => {
    const { page, problems, close } = await open(servers.empty, 'index.html');
    expect(await page.locator('#no-games').innerText()).toBe('No games on Thu, Nov 27, 2025.');
    expect(await page.locator('section.game').count()).toBe(0);
    await screenshot(page, 'no-games');
    expect(problems).toEqual([]);
    await close();
  });

  it('fits a 390 px phone screen without horizontal scrolling of the page', async () => {
    for (const path of ['index.html', 'player.html?p=nikolajokic', 'performance.html']) {
      const { page, problems, close } = await open(servers.slate, path, { width: 390 });
      const [scroll, width] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        window.innerWidth,
      ]);
      expect({ path, scroll }).toEqual({ path, scroll: width });
      await screenshot(page, `phone-${path.replace(/\.html.*$/, '')}`);
      expect(problems).toEqual([]);
      await close();
    }
  });

  it('renders given prices, P(over), EV, and a likely-out player last with his PASS reason', async () => {
    const { page, problems, close } = await open(servers.planned, 'index.html');
    const row = page.locator('tr[data-player="nikolajokic"]');
    expect(await row.locator('td[data-col="p_over"]').innerText()).toBe('37.1%');
    expect(await row.locator('td[data-col="ev"]').innerText()).toBe('+27.1%');
    expect(await row.locator('td[data-col="over"]').innerText()).toBe('-105\nfanduel'); // the book below the price
    expect(await row.locator('td[data-col="stake"]').innerText()).toBe('1.3%');
    expect(await row.locator('td[data-col="pick"]').innerText()).toBe('UNDER');
    expect(await row.locator('td[data-col="confidence"]').innerText()).toBe('63%');
    const section = page.locator('section.game', { has: row });
    const last = section.locator('tbody tr').last();
    expect(await last.getAttribute('class')).toBe('out');
    expect(await last.locator('td[data-col="pick"]').innerText()).toBe('PASS · likely out');
    expect(await last.locator('.badge.out').innerText()).toBe('likely out');
    await section.locator('button[data-sort="ev"]').click();
    expect(await section.locator('tbody tr').first().getAttribute('data-player')).toBe('nikolajokic');
    expect(await section.locator('tbody tr').last().getAttribute('class')).toBe('out'); // still last
    await screenshot(page, 'planned-fields');
    expect(problems).toEqual([]);
    await close();
  });

  it('says so when a player has no card tonight', async () => {
    const missing = 'tonight/player/nobodyhere.json';
    const { page, problems, close } = await open(servers.slate, 'player.html?p=nobodyhere', {
      allow: [missing],
    });
    expect(await page.locator('#main').innerText()).toBe(
      'No card for “nobodyhere” tonight: he is not on tonight’s slate.',
    );
    expect(problems).toEqual([]);
    await close();
  });
});
