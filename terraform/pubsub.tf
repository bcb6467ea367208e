# Topics of DESIGN §2 (lib/topics.ts ALL_TOPICS), and one dead-letter topic per consumer with a
# subscription on it: a dead-letter topic nobody subscribes to loses the messages it receives.

locals {
  topics = [
    "nba-predictions-trigger",
    "prediction-request",
    "prediction-ready",
    "prediction-consolidate",
    "nba-phase6-export-trigger",
  ]

  # A message that failed this many deliveries goes to the consumer's dead-letter topic
  # (Pub/Sub's minimum and default; the handlers also drop events older than NBA_MAX_EVENT_AGE_MINUTES).
  max_delivery_attempts = 5

  pubsub_service_agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

data "google_project" "this" {
  project_id = var.project_id
}

resource "google_pubsub_topic" "topic" {
  for_each = toset(local.topics)

  name = each.key

  depends_on = [google_project_service.api]
}

# `<topic>-dlq` (lib/topics.ts deadLetterTopic), one per consumer.
resource "google_pubsub_topic" "dead_letter" {
  for_each = local.functions

  name = "${each.value.trigger_topic}-dlq"

  depends_on = [google_project_service.api]
}

resource "google_pubsub_subscription" "dead_letter" {
  for_each = local.functions

  name  = "${each.value.trigger_topic}-dlq-sub"
  topic = google_pubsub_topic.dead_letter[each.key].id

  ack_deadline_seconds = 60
  # A week to inspect and replay (gcloud pubsub subscriptions pull ... then publish to the topic).
  message_retention_duration = "604800s"

  # Never expire: an idle dead-letter subscription is the normal state, and the default policy
  # deletes a subscription after 31 days without activity.
  expiration_policy {
    ttl = ""
  }
}

# Dead-lettering publishes as the Pub/Sub service agent.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  for_each = local.functions

  topic  = google_pubsub_topic.dead_letter[each.key].name
  role   = "roles/pubsub.publisher"
  member = local.pubsub_service_agent

  depends_on = [google_pubsub_topic.topic]
}
