/**
 * The backtest report as Markdown (written next to its JSON in reports/) and as the console table.
 * Pure: report in, text out. Every interval is a slate-bootstrap 95% interval.
 */
import type { Estimate } from './bootstrap';
import type { MarketReport, PickBucket, PickResults, SystemReport } from './report';

/** The report document (what `nba-props backtest --out` writes as JSON). */
export interface BacktestReport {
  from: string;
  to: string;
  /** The command that regenerates the report. */
  command: string;
  /** Slates (dates with games) replayed. */
  slates: number;
  /** The decision constants in force (lib/model/probability-constants.ts). */
  decision: { ev_threshold: number; kelly_fraction: number; kelly_cap: number };
  market: MarketReport;
  systems: SystemReport[];
}

const f = (x: number | null | undefined, d = 3) => (x === null || x === undefined ? '-' : x.toFixed(d));
const pct = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined ? '-' : `${(100 * x).toFixed(d)}%`;
const signed = (x: number | null | undefined, d = 3) =>
  x === null || x === undefined ? '-' : `${x >= 0 ? '+' : ''}${x.toFixed(d)}`;
const ci = (e: Estimate, fmt: (x: number) => string) =>
  e.ci95 ? `${fmt(e.ci95[0])}..${fmt(e.ci95[1])}` : '-';
const pctCi = (e: Estimate) => ci(e, (x) => pct(x));
const signedPctCi = (e: Estimate) => ci(e, (x) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`);

/** True when the interval contains 0 (or is missing): not shown to beat zero. */
export function includesZero(e: Estimate): boolean {
  return e.ci95 === null || (e.ci95[0] <= 0 && e.ci95[1] >= 0);
}

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function picksRow(id: string, p: PickResults): string[] {
  const roi = p.roi_best_price;
  return [
    id,
    String(p.picks),
    `${pct(p.hit_rate.value)} (${pctCi(p.hit_rate)})`,
    pct(p.break_even),
    `${signed(roi.value === null ? null : 100 * roi.value, 1)}% (${signedPctCi(roi)})${includesZero(roi) ? ' — includes 0' : ''}`,
    `${signed(p.roi_consensus_price.value === null ? null : 100 * p.roi_consensus_price.value, 1)}% (${signedPctCi(p.roi_consensus_price)})`,
  ];
}

/** The Markdown report. */
export function reportMarkdown(r: BacktestReport): string {
  const out: string[] = [];
  out.push(`# Backtest ${r.from}..${r.to}`, '');
  out.push(
    `${r.slates} slates replayed point in time through the same five functions (each date sees only games before it, its own lines, and calibrations fit on earlier graded dates). Regenerate: \`${r.command}\`. Intervals: 95%, bootstrap over whole slates.`,
    '',
  );
  out.push('## Points: lined MAE against the line itself (same main-line rows)', '');
  out.push(
    table(
      ['system', 'lined rows', 'MAE', "line's MAE", 'MAE - line (95% CI)', 'unlined rows', 'unlined MAE'],
      r.systems.map((s) => [
        s.system_id,
        String(s.lined.n),
        f(s.lined.mae.value),
        f(s.lined.mae_of_line.value),
        `${signed(s.lined.mae_minus_line.value)} (${ci(s.lined.mae_minus_line, (x) => signed(x))})`,
        String(s.unlined.n),
        f(s.unlined.mae.value),
      ]),
    ),
    '',
  );
  out.push("## Probabilities: p_over at the main line against the market's no-vig P(over) (same rows)", '');
  out.push(
    table(
      ['forecaster', 'rows', 'Brier', 'Brier - market (95% CI)', 'log loss', 'log loss - market (95% CI)'],
      [
        [
          'market (no-vig)',
          String(r.market.scores.n),
          f(r.market.scores.brier, 4),
          '-',
          f(r.market.scores.log_loss, 4),
          '-',
        ],
        ...r.systems.map((s) => [
          s.system_id,
          String(s.probability.model.n),
          f(s.probability.model.brier, 4),
          `${signed(s.probability.brier_minus_market.value, 4)} (${ci(s.probability.brier_minus_market, (x) => signed(x, 4))})`,
          f(s.probability.model.log_loss, 4),
          `${signed(s.probability.log_loss_minus_market.value, 4)} (${ci(s.probability.log_loss_minus_market, (x) => signed(x, 4))})`,
        ]),
      ],
    ),
    '',
  );
  out.push('### Reliability (p_over in tenths: rows, mean p, observed rate)', '');
  const bins = [
    ...new Set(
      [r.market.scores, ...r.systems.map((s) => s.probability.model)].flatMap((x) =>
        x.reliability.map((b) => b.bin),
      ),
    ),
  ].sort();
  out.push(
    table(
      ['forecaster', ...bins.map((b) => `${b.toFixed(1)}-${(b + 0.1).toFixed(1)}`)],
      [['market', r.market.scores], ...r.systems.map((s) => [s.system_id, s.probability.model] as const)].map(
        ([name, sc]) => [
          name as string,
          ...bins.map((b) => {
            const x = (sc as typeof r.market.scores).reliability.find((y) => y.bin === b);
            return x ? `${x.n}: ${f(x.mean_p, 2)} / ${f(x.observed, 2)}` : '-';
          }),
        ],
      ),
    ),
    '',
  );
  out.push(
    `## Picks (OVER/UNDER when EV >= ${r.decision.ev_threshold} at the best price and the model rates the side above the market; flat one unit)`,
    '',
  );
  const head = [
    'system',
    'picks',
    'hit rate (95% CI)',
    'break-even of prices taken',
    'ROI at the best price (95% CI)',
    'ROI at the consensus price (95% CI)',
  ];
  const pickTables = [
    ['Main line (what all-players.json shows):', 'picks_main'],
    ['Every priced ladder line:', 'picks_all_lines'],
  ] as const;
  for (const [title, key] of pickTables) {
    out.push(
      title,
      '',
      table(
        head,
        r.systems.map((s) => picksRow(s.system_id, s[key])),
      ),
      '',
    );
  }
  const bucketCell = (b: PickBucket) => {
    if (b.picks === 0) return '0';
    const roi = b.roi === null ? '-' : `${signed(100 * b.roi, 1)}%`;
    const ci = b.roi_ci95 ? ` (${signed(100 * b.roi_ci95[0], 1)}%..${signed(100 * b.roi_ci95[1], 1)}%)` : '';
    return `${b.picks}, ${pct(b.hit_rate)}, ${roi}${ci}`;
  };
  const bucketTable = (title: string, key: 'picks_by_edge' | 'picks_by_ev', unit: string) => {
    const first = r.systems.find((s) => (s[key] ?? []).length > 0);
    if (!first) return;
    const label = (b: PickBucket) => (b.to === null ? `${b.from}+` : `${b.from}-${b.to}`);
    out.push(title, '');
    out.push(
      table(
        ['system', ...(first[key] ?? []).map((b) => `${label(b)} ${unit}: picks, hit rate, ROI (95% CI)`)],
        r.systems.map((s) => [s.system_id, ...(s[key] ?? []).map(bucketCell)]),
      ),
      '',
    );
  };
  bucketTable('By |edge| (|predicted - line|), picks at every priced line:', 'picks_by_edge', 'pts');
  bucketTable(
    'By EV at the price taken (in sample: the threshold 0.03 was fixed beforehand; this only shows what a higher one would have kept):',
    'picks_by_ev',
    'EV',
  );
  const warnings = r.systems.flatMap((s) =>
    [s.picks_main.leakage_warning, s.picks_all_lines.leakage_warning]
      .filter((w): w is string => w !== null)
      .map((w) => `- **${s.system_id}**: ${w}`),
  );
  if (warnings.length > 0) out.push('**Leakage warnings**', '', ...warnings, '');
  out.push('## PASS and NO_LINE by reason (main line)', '');
  const reasons = [...new Set(r.systems.flatMap((s) => Object.keys(s.pass_reasons)))].sort();
  out.push(
    table(
      ['system', ...reasons],
      r.systems.map((s) => [s.system_id, ...reasons.map((k) => String(s.pass_reasons[k] ?? 0))]),
    ),
    '',
  );
  return out.join('\n');
}

/** The console summary: one line per system. */
export function reportConsoleTable(r: BacktestReport): string {
  const head = [
    'system',
    'lined MAE',
    'line MAE',
    'Brier',
    'mkt Brier',
    'picks',
    'hit rate',
    'ROI best',
    'ROI 95% CI',
  ];
  const body = r.systems.map((s) => [
    s.system_id,
    f(s.lined.mae.value),
    f(s.lined.mae_of_line.value),
    f(s.probability.model.brier, 4),
    f(s.probability.market.brier, 4),
    String(s.picks_main.picks),
    pct(s.picks_main.hit_rate.value),
    pct(s.picks_main.roi_best_price.value),
    signedPctCi(s.picks_main.roi_best_price),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  return [head, ...body].map((line) => line.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n') + '\n';
}
