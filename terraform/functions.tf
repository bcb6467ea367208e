# The five Cloud Functions (gen2), one per entry point of functions/index.ts, each triggered by the
# one Pub/Sub topic it consumes (lib/topics.ts SUBSCRIBERS).

locals {
  # One row per entry point, keyed by the exported name (lib/topics.ts FUNCTION_NAMES). What each
  # function may touch lives here too, so IAM follows from one table:
  # - trigger_topic: the topic it consumes (SUBSCRIBERS); publishes: the topics it publishes (PUBLISHES);
  # - reads_datasets / writes_datasets: logical datasets (lib/warehouse/tables.ts DATASETS);
  # - export_bucket_writer: writes the front-end JSON.
  # Sizing: gen2 event-driven functions time out at 540 s at most; concurrency 1 because every
  # handler holds one message's BigQuery work at a time.
  functions = {
    startBatch = {
      name                 = "start-batch"
      description          = "Resolves the game date, loads the slate and all history in one query, publishes one prediction-request per player."
      trigger_topic        = "nba-predictions-trigger"
      publishes            = ["prediction-request", "prediction-consolidate"]
      reads_datasets       = ["nba_analytics", "nba_raw"]
      writes_datasets      = ["nba_predictions"]
      export_bucket_writer = false
      timeout_seconds      = 540
      memory               = "1Gi"
      # One warm instance: the Python system's daily 404s came from its coordinator scaling to zero
      # (cold start) with no retry (docs/seed-system.md §9 item 4); retries are on now too, this
      # removes the cold start itself.
      min_instances = 1
      max_instances = 2
    }
    predictPlayer = {
      name                 = "predict-player"
      description          = "Predicts one player over the line ladder from the history in the message and loads the rows into the batch's staging table."
      trigger_topic        = "prediction-request"
      publishes            = ["prediction-ready"]
      reads_datasets       = []
      writes_datasets      = ["nba_predictions"]
      export_bucket_writer = false
      timeout_seconds      = 120
      memory               = "512Mi"
      min_instances        = 0
      # A slate is 100-450 players, each one load job into the batch's staging table. 20 workers
      # finish a slate in minutes while bounding concurrent updates of that one table, which
      # BigQuery rate-limits per table (a rate-limit error is retryable and redelivered).
      max_instances = 20
    }
    onBatchComplete = {
      name                 = "on-batch-complete"
      description          = "Counts staged players and fires the threshold, complete or deadline consolidation of a batch once."
      trigger_topic        = "prediction-ready"
      publishes            = ["prediction-consolidate"]
      reads_datasets       = []
      writes_datasets      = ["nba_predictions"]
      export_bucket_writer = false
      timeout_seconds      = 120
      memory               = "512Mi"
      min_instances        = 0
      # Milestones are conditional UPDATEs of prediction_batches: BigQuery runs about 2 mutating
      # DML statements per table at once and queues 20 (docs/platform-notes.md C.3), so
      # a handful of workers stays inside that.
      max_instances = 5
    }
    consolidate = {
      name                 = "consolidate"
      description          = "MERGEs a batch's staging table into player_prop_predictions and publishes the export trigger."
      trigger_topic        = "prediction-consolidate"
      publishes            = ["nba-phase6-export-trigger"]
      reads_datasets       = []
      writes_datasets      = ["nba_predictions"]
      export_bucket_writer = false
      timeout_seconds      = 540
      memory               = "512Mi"
      min_instances        = 0
      # One MERGE into player_prop_predictions at a time: concurrent MERGEs into one table fail
      # with "could not serialize access"; the batch lease only serializes within a batch.
      max_instances = 1
    }
    # Reads nba_analytics for the box scores grading reads (and the data coverage check of every export).
    exportTonight = {
      name                 = "export-tonight"
      description          = "Writes tonight's exports; grades a date into prediction_accuracy and writes its results, the performance windows and the best bets."
      trigger_topic        = "nba-phase6-export-trigger"
      publishes            = []
      reads_datasets       = ["nba_analytics", "nba_raw"]
      writes_datasets      = ["nba_predictions"]
      export_bucket_writer = true
      timeout_seconds      = 300
      memory               = "1Gi"
      min_instances        = 0
      max_instances        = 2
    }
  }

  # What every function reads through lib/config.ts.
  function_env = {
    NBA_BACKEND                  = "gcp"
    NBA_ENVIRONMENT              = var.environment
    NBA_DATASET_PREFIX           = var.dataset_prefix
    GOOGLE_CLOUD_PROJECT         = var.project_id
    NBA_BQ_LOCATION              = var.bq_location
    NBA_EXPORT_BUCKET            = google_storage_bucket.export.name
    NBA_STAGING_EXPIRATION_HOURS = tostring(var.staging_expiration_hours)
    NBA_BATCH_DEADLINE_MINUTES   = tostring(var.batch_deadline_minutes)
    NBA_MAX_EVENT_AGE_MINUTES    = tostring(var.max_event_age_minutes)
    NBA_MAX_DELIVERY_ATTEMPTS    = tostring(local.max_delivery_attempts)
  }
}

resource "google_cloudfunctions2_function" "function" {
  for_each = local.functions

  name        = each.value.name
  location    = var.region
  description = each.value.description

  build_config {
    runtime         = "nodejs22"
    entry_point     = each.key
    service_account = google_service_account.build.id

    environment_variables = {
      # The artifact ships compiled dist/. Without this the Node.js buildpack runs `npm run build`
      # (tsc), which is neither in the artifact nor in the production dependencies.
      GOOGLE_NODE_RUN_SCRIPTS = ""
    }

    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.source.name
      }
    }
  }

  service_config {
    service_account_email            = google_service_account.function[each.key].email
    timeout_seconds                  = each.value.timeout_seconds
    available_memory                 = each.value.memory
    available_cpu                    = "1"
    min_instance_count               = each.value.min_instances
    max_instance_count               = each.value.max_instances
    max_instance_request_concurrency = 1
    # Only Eventarc (Pub/Sub push) calls these; nothing on the internet can reach them.
    ingress_settings               = "ALLOW_INTERNAL_ONLY"
    all_traffic_on_latest_revision = true
    environment_variables          = local.function_env
  }

  event_trigger {
    trigger_region = var.region
    event_type     = "google.cloud.pubsub.topic.v1.messagePublished"
    pubsub_topic   = google_pubsub_topic.topic[each.value.trigger_topic].id
    # Retryable errors are thrown and redelivered (lib/handler.ts); permanent ones are acked. Without
    # this a gen2 trigger drops a failed event (docs/platform-notes.md C.2).
    retry_policy          = "RETRY_POLICY_RETRY"
    service_account_email = google_service_account.trigger.email
  }

  depends_on = [
    google_project_service.api,
    google_project_iam_member.build,
  ]
}
