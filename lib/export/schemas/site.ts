/**
 * `v1/site.json`, written with the pages (lib/site/publish.ts): what the pages can read beside
 * them. Paths are relative to `v1/`.
 */
import { z } from 'zod';

/** The backtest report shipped with the pages. */
export const ShippedBacktest = z
  .strictObject({
    name: z.string().describe('e.g. backtest-2025-10-21_2025-12-06'),
    json: z.string(),
    markdown: z.string().nullable(),
    charts: z
      .array(z.strictObject({ id: z.string(), title: z.string(), file: z.string() }))
      .describe('SVG charts in display order'),
    absent_charts: z
      .array(z.strictObject({ id: z.string(), title: z.string() }))
      .describe('charts this report has no data for (no SVG was written)'),
  })
  .meta({ id: 'ShippedBacktest' });
export type ShippedBacktest = z.infer<typeof ShippedBacktest>;

/** The document. */
export const SiteManifest = z.strictObject({
  version: z.string().describe('first 12 hex digits of the SHA-256 of the assets'),
  assets: z.string().describe('e.g. assets/3f2a9c1b0d4e/'),
  backtest: ShippedBacktest.nullable(),
  exports: z
    .strictObject({ performance: z.array(z.string()), results: z.array(z.string()) })
    .describe('objects present under v1/performance/ and v1/results/ when the pages were published'),
});
export type SiteManifest = z.infer<typeof SiteManifest>;
