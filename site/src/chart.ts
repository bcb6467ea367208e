/**
 * The player card's chart: his last ten games' points (oldest left) against tonight's line, each
 * bar green over the line and red under it, with that game's own line when the export gives it.
 * Pure: builds the echarts option, the card mounts it.
 */
import type { EChartsOption } from 'echarts';
import { isNum, shortDate } from './format.js';
import type { PlayerCardView } from './types.js';
import { tonightLine } from './card-fields.js';

/** Bar colours: over, under, level with (or no) line. */
export const COLORS = {
  over: '#1a7f37',
  under: '#cf222e',
  even: '#8c959f',
  line: '#0550ae',
  past: '#9a6700',
} as const;

/** The games of the chart, oldest first, with each bar's colour against tonight's line. */
export function lastTenBars(
  card: PlayerCardView,
): Array<{ date: string; points: number; color: string; line: number | null }> {
  const tonight = tonightLine(card);
  return [...(card.recent_games ?? [])].reverse().map((g) => ({
    date: g.game_date,
    points: g.points,
    line: isNum(g.line) ? g.line : null,
    color:
      !isNum(tonight) || g.points === tonight ? COLORS.even : g.points > tonight ? COLORS.over : COLORS.under,
  }));
}

/** The echarts option of the last-ten chart. */
export function lastTenOption(card: PlayerCardView): EChartsOption {
  const bars = lastTenBars(card);
  const tonight = tonightLine(card);
  const pastLines = bars.some((b) => b.line !== null);
  return {
    animation: false,
    aria: { enabled: true },
    grid: { left: 36, right: 12, top: 28, bottom: 28 },
    tooltip: { trigger: 'axis' },
    legend: pastLines ? { top: 0, data: ['points', 'that game’s line'] } : undefined,
    xAxis: { type: 'category', data: bars.map((b) => shortDate(b.date)) },
    yAxis: { type: 'value', name: 'points', min: 0 },
    series: [
      {
        name: 'points',
        type: 'bar',
        data: bars.map((b) => ({ value: b.points, itemStyle: { color: b.color } })),
        label: { show: true, position: 'top' },
        markLine: isNum(tonight)
          ? {
              symbol: 'none',
              lineStyle: { color: COLORS.line, type: 'dashed', width: 2 },
              label: { formatter: `tonight ${tonight}`, position: 'insideEndTop' },
              data: [{ yAxis: tonight }],
            }
          : undefined,
      },
      ...(pastLines
        ? [
            {
              name: 'that game’s line',
              type: 'line' as const,
              step: 'middle' as const,
              symbol: 'none',
              lineStyle: { color: COLORS.past },
              itemStyle: { color: COLORS.past },
              data: bars.map((b) => b.line),
            },
          ]
        : []),
    ],
  };
}
