# Datasets (lib/warehouse/tables.ts DATASETS, each name behind the dataset prefix) and the tables
# this product owns, laid out and typed from schemas/, which scripts/gen-bq-schemas.ts generates
# from lib/warehouse/schema.ts. Staging tables (_staging_<batch_id>) are created by startBatch with
# an expiration (NBA_STAGING_EXPIRATION_HOURS), not here.

locals {
  owned_dataset     = "nba_predictions"
  upstream_datasets = ["nba_analytics", "nba_raw"]

  # Logical dataset -> physical name, the rule of physicalTable() in lib/warehouse/tables.ts.
  dataset_ids = {
    for d in concat([local.owned_dataset], local.upstream_datasets) : d => "${var.dataset_prefix}${d}"
  }

  owned_tables = jsondecode(file("${path.module}/schemas/owned_tables.json"))
  owned_views  = jsondecode(file("${path.module}/schemas/owned_views.json"))
  # Upstream tables whose schema the product declares (lib/warehouse/schema.ts UPSTREAM_TABLES).
  upstream_tables = jsondecode(file("${path.module}/schemas/upstream_tables.json"))
}

resource "google_bigquery_dataset" "predictions" {
  dataset_id  = local.dataset_ids[local.owned_dataset]
  location    = var.bq_location
  description = "nba-props: batches, per-batch staging, consolidated predictions and grading."

  delete_contents_on_destroy = false

  lifecycle {
    # The rule lib/config.ts enforces at cold start (the Python system's production workers wrote
    # to test_nba_predictions, docs/seed-system.md §9 item 3), refused at plan time instead of after deploying.
    precondition {
      condition     = var.environment != "prod" || var.dataset_prefix == ""
      error_message = "environment = prod uses no dataset_prefix."
    }
    precondition {
      condition     = var.environment != "test" || startswith(var.dataset_prefix, "test_")
      error_message = "environment = test needs a dataset_prefix starting with \"test_\"."
    }
  }

  depends_on = [google_project_service.api]
}

# Inputs other phases load (player_game_summary, odds, schedule). Created here only when this stack
# owns them (a fresh project); otherwise the functions are just granted access to them.
resource "google_bigquery_dataset" "upstream" {
  for_each = var.manage_upstream_datasets ? toset(local.upstream_datasets) : toset([])

  dataset_id  = local.dataset_ids[each.key]
  location    = var.bq_location
  description = "Upstream input of nba-props (read only by the functions)."

  delete_contents_on_destroy = false

  depends_on = [google_project_service.api]
}

resource "google_bigquery_table" "owned" {
  for_each = local.owned_tables

  dataset_id          = local.dataset_ids[each.value.dataset]
  table_id            = each.key
  schema              = file("${path.module}/schemas/${each.key}.json")
  clustering          = each.value.clustering
  deletion_protection = var.deletion_protection

  dynamic "time_partitioning" {
    for_each = each.value.partition_field == null ? [] : [each.value.partition_field]
    content {
      type  = "DAY"
      field = time_partitioning.value
    }
  }

  depends_on = [google_bigquery_dataset.predictions]
}

# Views the product owns (lib/warehouse/schema.ts OWNED_VIEWS): team_game_summary sums the upstream
# player_game_summary per team-game, so the team-context query of startBatch needs no other input.
resource "google_bigquery_table" "view" {
  for_each = local.owned_views

  dataset_id          = local.dataset_ids[each.value.dataset]
  table_id            = each.key
  deletion_protection = false

  view {
    query = templatefile("${path.module}/schemas/${each.value.query_file}", {
      project_id     = var.project_id
      dataset_prefix = var.dataset_prefix
    })
    use_legacy_sql = false
  }

  depends_on = [google_bigquery_dataset.predictions, google_bigquery_dataset.upstream]
}

# Upstream tables whose schema the product declares (nba_raw.nbac_injury_report), created only where
# this stack owns the upstream datasets; elsewhere the phase that loads them owns them.
resource "google_bigquery_table" "upstream" {
  for_each = var.manage_upstream_datasets ? local.upstream_tables : {}

  dataset_id          = local.dataset_ids[each.value.dataset]
  table_id            = each.key
  schema              = file("${path.module}/schemas/${each.key}.json")
  clustering          = each.value.clustering
  deletion_protection = var.deletion_protection

  dynamic "time_partitioning" {
    for_each = each.value.partition_field == null ? [] : [each.value.partition_field]
    content {
      type  = "DAY"
      field = time_partitioning.value
    }
  }

  depends_on = [google_bigquery_dataset.upstream]
}
