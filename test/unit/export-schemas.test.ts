/**
 * The exported documents' schemas (lib/export/schemas): docs/schemas/ holds exactly the JSON
 * Schemas generated from them, and the check before each write refuses a document that does not
 * match, naming the field and its value.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_DOCUMENTS, ExportInvalidError, assertExportValid } from '../../lib/export/schemas';
import { buildTonight } from '../../lib/export/tonight';
import { PermanentError } from '../../lib/errors';
import { EXPORT_SCHEMA_DIR, exportSchemaFiles } from '../../scripts/gen-export-schemas';

describe('docs/schemas', () => {
  it('holds one JSON Schema per exported document, exactly as generated from the zod schemas', () => {
    const want = exportSchemaFiles();
    const have = readdirSync(EXPORT_SCHEMA_DIR).filter((f) => f.endsWith('.json'));
    expect(have.sort()).toEqual([...want.keys()].sort());
    const stale = [...want].filter(([f, text]) => readFileSync(join(EXPORT_SCHEMA_DIR, f), 'utf8') !== text);
    if (stale.length > 0) {
      throw new Error(
        `docs/schemas is out of date (${stale.map(([f]) => f).join(', ')}): run npx ts-node --transpile-only scripts/gen-export-schemas.ts`,
      );
    }
  });

  it('names every document the exporter writes, with the path it is written to', () => {
    const all = JSON.parse(readFileSync(join(EXPORT_SCHEMA_DIR, 'all-players.json'), 'utf8')) as {
      description: string;
      required: string[];
      additionalProperties: boolean;
    };
    expect(all.description).toContain('v1/tonight/all-players.json');
    expect(all.required).toEqual([
      'game_date',
      'generated_at',
      'batch_id',
      'total_players',
      'total_with_lines',
      'games',
    ]);
    expect(all.additionalProperties).toBe(false);
    expect(Object.keys(EXPORT_DOCUMENTS).sort()).toEqual([
      'all-players',
      'best-bets',
      'performance',
      'player',
      'predictions',
      'results',
      'site',
    ]);
  });
});

describe('assertExportValid', () => {
  const game = {
    game_id: 'g1',
    home_team: 'BOS',
    away_team: 'LAL',
    commence_time: '2025-12-06T00:10:00.000Z',
  };
  const empty = () =>
    buildTonight({
      gameDate: '2025-12-05',
      generatedAt: '2025-12-05T18:00:00.000Z',
      batchId: 'b',
      games: [game],
      rows: [],
    });

  it('accepts what the exporter builds (a game with its tip-off label and instant)', () => {
    const doc = empty();
    expect(doc.games[0]).toMatchObject({ game_time: '7:10 PM ET', tip_time: '2025-12-06T00:10:00.000Z' });
    expect(() => assertExportValid('all-players', 'v1/tonight/all-players.json', doc)).not.toThrow();
  });

  it('refuses a field of the wrong type, naming the document, the field and its value', () => {
    const doc = { ...empty(), total_players: 'zero' };
    let err: unknown;
    try {
      assertExportValid('all-players', 'v1/tonight/all-players.json', doc);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ExportInvalidError);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'EXPORT_INVALID', field: 'total_players' });
    expect((err as Error).message).toBe(
      'v1/tonight/all-players.json was not written: it does not match its schema (docs/schemas/all-players.json): total_players: Invalid input: expected number, received string (got "zero")',
    );
  });

  it('refuses a field the schema does not have (the front end would not know it) and a probability above 1', () => {
    expect(() => assertExportValid('all-players', 'x.json', { ...empty(), extra: 1 })).toThrow(
      'x.json was not written: it does not match its schema (docs/schemas/all-players.json): (document): Unrecognized key: "extra"',
    );
    const doc = empty();
    const bad = {
      ...doc,
      games: [
        {
          ...doc.games[0],
          players: [
            {
              player_lookup: 'a',
              name: 'A',
              team: 'BOS',
              opponent: 'LAL',
              is_home: true,
              availability: { status: 'active', reasons: [] },
              has_line: false,
              days_rest: 1,
              season_ppg: 10,
              season_mpg: 20,
              last_5_ppg: 11,
              last_10_points: [],
              games_played: 5,
              limited_data: true,
              props: [
                {
                  stat_type: 'points',
                  line: 10.5,
                  books: 1,
                  over_odds: -110,
                  over_book: 'x',
                  under_odds: -110,
                  under_book: 'x',
                  no_vig_p_over: 1.2,
                  prices: [],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(() => assertExportValid('all-players', 'x.json', bad)).toThrow(
      'games.0.players.0.props.0.no_vig_p_over: Too big: expected number to be <=1 (got 1.2)',
    );
  });
});
