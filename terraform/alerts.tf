# Alert policies: a failed consolidation, an export overdue, a failed scheduler attempt, dead letters,
# a game day with no prediction, results overdue. Every policy notifies var.alert_notification_channels.

locals {
  # PromQL name of a log-based metric: logging.googleapis.com/user/<name>.
  promql_metric = { for name, m in google_logging_metric.metric : name => "logging_googleapis_com:user_${m.name}" }

  # A batch is late once its deadline (the sweep's consolidation) plus 30 minutes has passed.
  export_grace_minutes = var.batch_deadline_minutes + 30
}

resource "google_monitoring_alert_policy" "consolidation_failed" {
  display_name          = "nba-props: consolidation failed"
  combiner              = "OR"
  severity              = "ERROR"
  notification_channels = var.alert_notification_channels

  conditions {
    display_name = "consolidation_failed logged"
    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.metric["nba_props_consolidation_failed"].name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "A MERGE of a batch's staging table into player_prop_predictions failed; the batch_id is in the log entry's labels. The consolidate function retries through Pub/Sub; if it keeps failing, fix the cause and re-run it: `gcloud pubsub topics publish prediction-consolidate --message='{\"batch_id\":\"<id>\",\"game_date\":\"<date>\",\"reason\":\"manual\"}'`."
  }
}

resource "google_monitoring_alert_policy" "export_overdue" {
  display_name          = "nba-props: no export by the batch deadline"
  combiner              = "OR"
  severity              = "ERROR"
  notification_channels = var.alert_notification_channels

  conditions {
    display_name = "batches started without an export after their deadline"
    condition_prometheus_query_language {
      # Batches started between 6 h + grace and grace ago, against exports since then: fewer exports
      # than batches means a batch passed its deadline without any export (a batch exports at least
      # once: threshold, complete or deadline consolidation, then exportTonight).
      query               = "sum(increase(${local.promql_metric["nba_props_batches_started"]}[6h] offset ${local.export_grace_minutes}m)) > (sum(increase(${local.promql_metric["nba_props_exported"]}[${360 + local.export_grace_minutes}m])) or vector(0))"
      duration            = "0s"
      evaluation_interval = "300s"
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "A batch started more than NBA_BATCH_DEADLINE_MINUTES + 30 min ago and nothing was exported since. Check the prediction_batches row (status, *_fired_at, consolidated_at), then the consolidate and export-tonight logs. Re-export by hand: `gcloud pubsub topics publish nba-phase6-export-trigger --message='{\"game_date\":\"<date>\"}'`."
  }
}

resource "google_monitoring_alert_policy" "scheduler_failed" {
  display_name          = "nba-props: scheduler job failed"
  combiner              = "OR"
  severity              = "ERROR"
  notification_channels = var.alert_notification_channels

  conditions {
    display_name = "failed Cloud Scheduler attempt"
    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.metric["nba_props_scheduler_failures"].name}\" AND resource.type=\"cloud_scheduler_job\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.job_id"]
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "A Cloud Scheduler job failed to publish (the job id is in the incident). Jobs retry 3 times within 600 s; run one by hand with `gcloud scheduler jobs run <job> --location <region>`."
  }
}

resource "google_monitoring_alert_policy" "dead_letters" {
  display_name          = "nba-props: messages in a dead-letter subscription"
  combiner              = "OR"
  severity              = "WARNING"
  notification_channels = var.alert_notification_channels

  conditions {
    display_name = "undelivered messages in a *-dlq-sub subscription"
    condition_threshold {
      filter          = "metric.type=\"pubsub.googleapis.com/subscription/num_undelivered_messages\" AND resource.type=\"pubsub_subscription\" AND resource.label.subscription_id=monitoring.regex.full_match(\".*-dlq-sub\")"
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_MAX"
        cross_series_reducer = "REDUCE_MAX"
        group_by_fields      = ["resource.label.subscription_id"]
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "A message failed ${local.max_delivery_attempts} deliveries and was dead-lettered. Inspect: `gcloud pubsub subscriptions pull <subscription> --limit 10`. After fixing the cause, publish the payload again to the original topic (the subscription name without -dlq-sub) and ack it."
  }
}

resource "google_monitoring_alert_policy" "zero_predictions" {
  display_name          = "nba-props: zero predictions on a game day"
  combiner              = "OR"
  severity              = "ERROR"
  notification_channels = var.alert_notification_channels

  conditions {
    display_name = "a game-day batch started but no player was predicted"
    condition_prometheus_query_language {
      # A batch for a date with games started 2-26 h ago, and no player_predicted since: either no
      # player was eligible or every predictPlayer failed.
      query               = "sum(increase(${local.promql_metric["nba_props_game_day_batches"]}[24h] offset 2h)) > 0 unless sum(increase(${local.promql_metric["nba_props_players_predicted"]}[26h])) > 0"
      duration            = "0s"
      evaluation_interval = "300s"
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "startBatch found games but no prediction was written. Check the batch_started entry (expected_players, ineligible_players) and the player_ineligible reasons; then predict-player errors and its dead-letter subscription."
  }
}

resource "google_monitoring_alert_policy" "results_overdue" {
  display_name          = "nba-props: no results by 09:00 ET on the day after a game day"
  combiner              = "OR"
  severity              = "ERROR"
  notification_channels = var.alert_notification_channels

  conditions {
    display_name = "results_overdue logged"
    condition_threshold {
      # The daily-results-check job (09:00 ET) logs results_overdue when yesterday had games and its
      # results still cannot be made (box scores not loaded, nothing exported), and any run logs it
      # when the box scores are still missing at the deadline (NBA_RESULTS_DEADLINE_HOURS after the
      # last tip). Days without games log nothing.
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.metric["nba_props_results_overdue"].name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Yesterday's results are not in v1/results/ (the log entry's jsonPayload.code says why: BOX_SCORES_PENDING, BOX_SCORES_MISSING or NO_PREDICTIONS, and game_date which date). Check that nba_analytics.player_game_summary has the date's box scores, then grade and export again: `gcloud pubsub topics publish nba-phase6-export-trigger --message='{\"export_types\":[\"results\",\"performance\"],\"target_date\":\"<date>\"}'`."
  }
}
