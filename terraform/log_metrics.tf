# Log-based metrics over the named events the functions log (lib/logs.ts: jsonPayload.event), and
# over Cloud Scheduler's own execution logs. alerts.tf alerts on them.

locals {
  log_metrics = {
    nba_props_consolidation_failed = {
      description = "Consolidations that failed (lib/logs.ts consolidationFailed)."
      filter      = "jsonPayload.event=\"consolidation_failed\""
    }
    nba_props_batches_started = {
      description = "Batches started by startBatch (lib/logs.ts batchStarted)."
      filter      = "jsonPayload.event=\"batch_started\""
    }
    nba_props_game_day_batches = {
      description = "Batches started for a date with at least one game."
      filter      = "jsonPayload.event=\"batch_started\" AND jsonPayload.games>0"
    }
    nba_props_players_predicted = {
      description = "Players whose predictions predictPlayer wrote to staging (lib/logs.ts playerPredicted)."
      filter      = "jsonPayload.event=\"player_predicted\""
    }
    nba_props_exported = {
      description = "Exports written by exportTonight (lib/logs.ts exported)."
      filter      = "jsonPayload.event=\"exported\""
    }
    nba_props_results_overdue = {
      description = "Dates whose results are not made by 09:00 ET the next day, or are final without some box scores (lib/logs.ts resultsOverdue)."
      filter      = "jsonPayload.event=\"results_overdue\""
    }
    nba_props_scheduler_failures = {
      description = "Failed Cloud Scheduler attempts (each failed attempt, retries included)."
      filter      = "resource.type=\"cloud_scheduler_job\" AND severity>=ERROR"
    }
  }
}

resource "google_logging_metric" "metric" {
  for_each = local.log_metrics

  name        = each.key
  description = each.value.description
  filter      = each.value.filter

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"
  }

  depends_on = [google_project_service.api]
}
