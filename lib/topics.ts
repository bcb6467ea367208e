/**
 * The one list of Pub/Sub topics and which function consumes each (DESIGN §2). The bus adapters,
 * the local runner and the Terraform contract tests all read this list, so a topic cannot exist in
 * code and not in the deployment.
 */
export const TOPICS = {
  trigger: 'nba-predictions-trigger',
  request: 'prediction-request',
  ready: 'prediction-ready',
  consolidate: 'prediction-consolidate',
  export: 'nba-phase6-export-trigger',
} as const;

/** A topic name the product publishes or consumes. */
export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** The five entry points exported from `functions/index.ts`. */
export const FUNCTION_NAMES = [
  'startBatch',
  'predictPlayer',
  'onBatchComplete',
  'consolidate',
  'exportTonight',
] as const;

/** Name of one exported Cloud Function entry point. */
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** topic -> the function subscribed to it (each topic has exactly one consumer). */
export const SUBSCRIBERS: Readonly<Record<TopicName, FunctionName>> = {
  [TOPICS.trigger]: 'startBatch',
  [TOPICS.request]: 'predictPlayer',
  [TOPICS.ready]: 'onBatchComplete',
  [TOPICS.consolidate]: 'consolidate',
  [TOPICS.export]: 'exportTonight',
};

/** Which topics each function publishes to (least-privilege IAM in Terraform follows this). */
export const PUBLISHES: Readonly<Record<FunctionName, readonly TopicName[]>> = {
  startBatch: [TOPICS.request, TOPICS.consolidate],
  predictPlayer: [TOPICS.ready],
  onBatchComplete: [TOPICS.consolidate],
  consolidate: [TOPICS.export],
  exportTonight: [],
};

/** The dead-letter topic of a consumer's subscription: `<topic>-dlq`. */
export function deadLetterTopic(topic: TopicName): string {
  return `${topic}-dlq`;
}

/** All topic names, in flow order. */
export const ALL_TOPICS: readonly TopicName[] = Object.values(TOPICS);
