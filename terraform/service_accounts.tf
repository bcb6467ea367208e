# Identities. Each function runs as its own service account, so each gets only what it touches
# (iam.tf). Pub/Sub pushes events as a separate invoker identity that can do nothing else.

resource "google_service_account" "function" {
  for_each = local.functions

  account_id   = "nba-${each.value.name}"
  display_name = "nba-props ${each.key}"
  description  = "Runtime identity of the ${each.key} Cloud Function."
}

resource "google_service_account" "trigger" {
  account_id   = "nba-pubsub-invoker"
  display_name = "nba-props Pub/Sub invoker"
  description  = "Identity Eventarc pushes Pub/Sub events with; may only invoke the five functions."
}

resource "google_service_account" "build" {
  account_id   = "nba-functions-build"
  display_name = "nba-props function builds"
  description  = "Cloud Build identity that builds the functions from the source artifact."
}
