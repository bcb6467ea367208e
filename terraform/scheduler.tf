# Cloud Scheduler: the daily batches, the daily results and the batch sweep, as Pub/Sub publishes (US-Eastern times,
# the Python system's schedule, docs/seed-system.md §8). Messages are validated by the consumers' zod schemas (lib/messages.ts).

locals {
  daily_results_message = { export_types = ["results", "performance", "best-bets"], target_date = "YESTERDAY" }

  scheduler_jobs = {
    "overnight-predictions" = {
      description = "Morning batch for tonight's games."
      schedule    = "0 7 * * *"
      topic       = "nba-predictions-trigger"
      message     = { game_date = "TODAY" }
    }
    "same-day-predictions" = {
      description = "Midday batch for tonight's games, on the day's updated lines."
      schedule    = "30 11 * * *"
      topic       = "nba-predictions-trigger"
      message     = { game_date = "TODAY" }
    }
    "same-day-predictions-tomorrow" = {
      description = "Evening batch for tomorrow's games."
      schedule    = "0 18 * * *"
      topic       = "nba-predictions-trigger"
      message     = { game_date = "TOMORROW" }
    }
    # Yesterday's results (grading into prediction_accuracy first), the performance windows and
    # tonight's best bets (lib/pipeline/exports.ts). The 09:00 run sends the same message: it
    # changes nothing when 05:00 succeeded, grades late box scores, refreshes the best bets from the
    # 07:00 batch, and logs results_overdue (the alert) when yesterday's results still cannot be made.
    "daily-results" = {
      description = "Grades yesterday, writes v1/results/, v1/performance/systems.json and today's v1/best-bets/."
      schedule    = "0 5 * * *"
      topic       = "nba-phase6-export-trigger"
      message     = local.daily_results_message
    }
    "daily-results-check" = {
      description = "Makes yesterday's results if 05:00 could not (late box scores); alerts when they are still missing."
      schedule    = "0 9 * * *"
      topic       = "nba-phase6-export-trigger"
      message     = local.daily_results_message
    }
    "batch-sweep" = {
      description = "Fires the deadline consolidation of every batch past its deadline (onBatchComplete)."
      schedule    = "*/10 * * * *"
      topic       = "prediction-ready"
      message     = { kind = "sweep" }
    }
  }
}

resource "google_cloud_scheduler_job" "job" {
  for_each = local.scheduler_jobs

  name        = each.key
  region      = var.region
  description = each.value.description
  schedule    = each.value.schedule
  time_zone   = "America/New_York"

  # The Python system's fix for its daily 404s (docs/seed-system.md §8) (no retry, 180 s deadline): 320 s deadline, 3 retries within
  # 600 s, backoff 10 s doubling up to 300 s. The API ignores attempt_deadline for Pub/Sub targets
  # (the attempt ends when the publish is acknowledged) and reads it back empty, so it is kept for
  # the record and excluded from diffs below.
  attempt_deadline = "320s"

  retry_config {
    retry_count          = 3
    max_retry_duration   = "600s"
    min_backoff_duration = "10s"
    max_backoff_duration = "300s"
    max_doublings        = 5
  }

  pubsub_target {
    topic_name = google_pubsub_topic.topic[each.value.topic].id
    data       = base64encode(jsonencode(each.value.message))
  }

  lifecycle {
    ignore_changes = [attempt_deadline]
  }

  depends_on = [google_project_service.api]
}
