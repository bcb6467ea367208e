/**
 * The JSON the pages read, as the pages see it: today's export fields plus the planned ones
 * (availability, prices, probabilities, EV, pass reasons), every planned field optional and
 * nullable so a page renders "-" until the export carries it. Probabilities are 0-1, odds
 * American integers (-110, +125), points per game. test/site/fields.test.ts holds the
 * exporter's types to these.
 */

/** OVER, UNDER, PASS or NO_LINE (others render as they come). */
export type Recommendation = string;

/** Whether a player is expected to play. */
export interface AvailabilityView {
  status: string;
  reasons?: string[] | null;
}

/** One book's prices at a line. */
export interface BookPriceView {
  book: string;
  over_odds: number | null;
  under_odds: number | null;
}

/** A prop line: the consensus line and its prices. */
export interface PropView {
  stat_type: string;
  line: number;
  books?: number | null;
  over_odds: number | null;
  over_book?: string | null;
  under_odds: number | null;
  under_book?: string | null;
  no_vig_p_over?: number | null;
  prices?: BookPriceView[] | null;
}

/** The price a pick assumes (for a PASS: the better side's). */
export interface PriceView {
  side?: string | null;
  odds: number | null;
  book: string | null;
}

/** The ensemble's prediction for a player. */
export interface PredictionView {
  predicted: number | null;
  edge?: number | null;
  p_over?: number | null;
  p_under?: number | null;
  p_push?: number | null;
  recommendation: Recommendation;
  pass_reason?: string | null;
  /** Words behind the pass reason, e.g. which threshold was missed. */
  pass_detail?: string | null;
  ev?: number | null;
  price?: PriceView | null;
  stake_fraction?: number | null;
  confidence?: number | null;
}

/** A player of tonight's page. */
export interface PlayerView {
  player_lookup: string;
  name: string;
  team: string | null;
  opponent?: string | null;
  is_home: boolean | null;
  has_line: boolean;
  days_rest: number | null;
  season_ppg: number | null;
  season_mpg: number | null;
  last_5_ppg: number | null;
  last_10_points: number[];
  games_played: number;
  limited_data: boolean;
  availability?: AvailabilityView | null;
  props?: PropView[];
  prediction?: PredictionView;
  last_10_results?: string[];
  last_10_record?: string | null;
}

/** A game of tonight's page. */
export interface GameView {
  game_id: string;
  home_team: string;
  away_team: string;
  /** Tip-off in US-Eastern, e.g. "7:10 PM ET". */
  game_time: string | null;
  /** Tip-off instant, ISO 8601 UTC (absent in exports before it). */
  tip_time?: string | null;
  player_count: number;
  players: PlayerView[];
}

/** `tonight/all-players.json`. */
export interface TonightView {
  game_date: string;
  generated_at: string;
  total_players: number;
  total_with_lines: number;
  games: GameView[];
}

/** A system's prediction on the player card. */
export interface SystemView {
  system_id: string;
  predicted: number | null;
  confidence?: number | null;
  recommendation: Recommendation;
  edge: number | null;
  skip_reason: string | null;
  p_over?: number | null;
  pass_reason?: string | null;
  ev?: number | null;
  model_version?: string | null;
}

/** A line of the card's ladder. */
export interface LadderView {
  line: number;
  recommendation: Recommendation;
  edge: number | null;
  books?: number | null;
  over_odds?: number | null;
  over_book?: string | null;
  under_odds?: number | null;
  under_book?: string | null;
  no_vig_p_over?: number | null;
  p_over?: number | null;
  p_under?: number | null;
  p_push?: number | null;
  pass_reason?: string | null;
  ev?: number | null;
}

/** A past game on the card. */
export interface RecentGameView {
  game_date: string;
  points: number;
  minutes: number;
  /** That game's consensus line, or null. */
  line?: number | null;
  /** "O", "U" or "-". */
  result?: string | null;
}

/** `tonight/player/<lookup>.json`. */
export interface PlayerCardView {
  player_lookup: string;
  name: string;
  game_date: string;
  generated_at: string;
  game: {
    game_id: string;
    team: string | null;
    opponent: string | null;
    is_home: boolean | null;
    game_time: string | null;
    tip_time?: string | null;
  };
  /** His entry of all-players.json: availability, the main line's market, the prediction, season numbers. */
  summary: PlayerView;
  last_10_ppg: number | null;
  last_10_mpg: number | null;
  back_to_back: boolean;
  recent_games: RecentGameView[];
  systems: SystemView[];
  ladder: LadderView[];
}

/** A figure of the backtest report with its slate-bootstrap 95% interval. */
export interface EstimateView {
  value: number | null;
  ci95: [number, number] | null;
}

/** One system of the backtest report (lib/grading/report.ts SystemReport, the fields the page shows). */
export interface BacktestSystemView {
  system_id: string;
  lined: { n: number; mae: EstimateView; mae_of_line: EstimateView; mae_minus_line: EstimateView };
  probability: {
    model: { n: number; brier: number | null; log_loss: number | null };
    market: { n: number; brier: number | null; log_loss: number | null };
    brier_minus_market: EstimateView;
  };
  picks_main: {
    picks: number;
    hit_rate: EstimateView;
    break_even: number | null;
    roi_best_price: EstimateView;
    roi_consensus_price: EstimateView;
  };
}

/** `reports/backtest-<from>_<to>.json`. */
export interface BacktestReportView {
  from: string;
  to: string;
  slates?: number;
  decision?: { ev_threshold: number; kelly_fraction: number; kelly_cap: number };
  market?: {
    n: number;
    mae_of_line: EstimateView;
    scores: { n: number; brier: number | null; log_loss: number | null };
  };
  systems: BacktestSystemView[];
}

/** One window of `performance/systems.json` (lib/export/performance.ts PerformanceWindow). */
export interface PerformanceWindowView {
  from: string;
  to: string;
  slates: number;
  rows: number;
  market?: BacktestReportView['market'];
  systems: BacktestSystemView[];
}

/** `performance/systems.json`: the last 7 days, the last 30 days and the season through a date. */
export interface PerformanceView {
  through: string;
  windows: Partial<Record<'last_7_days' | 'last_30_days' | 'season', PerformanceWindowView>>;
}

/** `site.json`, written with the pages. */
export interface SiteManifestView {
  version: string;
  assets: string;
  backtest: {
    name: string;
    json: string;
    markdown: string | null;
    charts: Array<{ id: string; title: string; file: string }>;
    /** Charts the report has no data for yet. */
    absent_charts: Array<{ id: string; title: string }>;
  } | null;
  exports: { performance: string[]; results: string[] };
}
