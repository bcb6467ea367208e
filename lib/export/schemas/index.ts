/**
 * Every exported JSON document and its zod schema, the one source of the exporter's types, of the
 * check before each write and of the JSON Schemas in docs/schemas/ the front end reads
 * (`npx ts-node --transpile-only scripts/gen-export-schemas.ts` rewrites them; a test fails while
 * they are stale).
 */
import { z } from 'zod';
import { PermanentError } from '../../errors';
import { describeIssues } from '../../messages';
import { BestBetsDoc } from './best-bets';
import { PerformanceDoc } from './performance';
import { PlayerDoc } from './player';
import { PredictionsDoc } from './predictions';
import { ResultsDoc } from './results';
import { SiteManifest } from './site';
import { TonightDoc } from './tonight';

/** One exported document: its schema, where it is written, what it is. */
export interface ExportDocument<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** The object paths (placeholders in angle brackets). */
  paths: readonly string[];
  title: string;
}

/** The documents, by the name of their JSON Schema file (`docs/schemas/<name>.json`). */
export const EXPORT_DOCUMENTS = {
  'all-players': {
    schema: TonightDoc,
    paths: ['v1/tonight/all-players.json'],
    title: "Tonight's games with every predicted player",
  },
  player: {
    schema: PlayerDoc,
    paths: ['v1/tonight/player/<player_lookup>.json'],
    title: "One player's card for tonight",
  },
  predictions: {
    schema: PredictionsDoc,
    paths: ['v1/predictions/<date>.json', 'v1/predictions/today.json'],
    title: "Every system's prediction at each player's main line",
  },
  results: {
    schema: ResultsDoc,
    paths: ['v1/results/<date>.json', 'v1/results/latest.json'],
    title: 'A graded night: lines, picks and totals per system',
  },
  performance: {
    schema: PerformanceDoc,
    paths: ['v1/performance/systems.json'],
    title: 'Every system and the market over the last 7 days, 30 days and the season',
  },
  'best-bets': {
    schema: BestBetsDoc,
    paths: ['v1/best-bets/<date>.json'],
    title: "The slate's picks ranked by expected value",
  },
  site: {
    schema: SiteManifest,
    paths: ['v1/site.json'],
    title: 'What the pages can read beside them',
  },
} as const satisfies Record<string, ExportDocument>;

/** Name of an exported document. */
export type ExportDocumentName = keyof typeof EXPORT_DOCUMENTS;

/**
 * A document that does not match its schema: the exporter built it wrong (a bug of this product,
 * not of the input), so it is not written. Permanent, because a retry rebuilds the same document
 * from the same rows and fails the same way: redelivering would only end in the dead-letter topic
 * and hold back the other exports of the message. The handler logs it at ERROR with its code and
 * `field` (the first field that failed); once the code is fixed, a re-export writes it.
 */
export class ExportInvalidError extends PermanentError {
  constructor(path: string, name: ExportDocumentName, issues: string, field: string) {
    super(
      'EXPORT_INVALID',
      `${path} was not written: it does not match its schema (docs/schemas/${name}.json): ${issues}`,
      { field },
    );
    this.name = 'ExportInvalidError';
  }
}

/**
 * Checks `doc` (as it will be written: parsed back from its JSON text) against its schema.
 * @throws ExportInvalidError naming the object path, the fields and their values.
 */
export function assertExportValid(name: ExportDocumentName, path: string, doc: unknown): void {
  const result = EXPORT_DOCUMENTS[name].schema.safeParse(doc);
  if (result.success) return;
  const first = result.error.issues[0]?.path.map(String).join('.') ?? '';
  throw new ExportInvalidError(
    path,
    name,
    describeIssues(result.error, doc, '(document)'),
    first || '(document)',
  );
}

/** The JSON Schema (draft 2020-12) of a document, as written to docs/schemas/<name>.json. */
export function exportJsonSchema(name: ExportDocumentName): Record<string, unknown> {
  const d = EXPORT_DOCUMENTS[name];
  return {
    ...z.toJSONSchema(d.schema, { target: 'draft-2020-12' }),
    title: d.title,
    description: `Written to ${d.paths.join(' and ')} (generated from lib/export/schemas/; do not edit).`,
  };
}
