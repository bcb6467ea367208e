# Least privilege, derived from local.functions (functions.tf): BigQuery jobs in the project, data
# access only on the datasets a function touches, publish only on the topics it publishes
# (lib/topics.ts PUBLISHES), objects only in the export bucket for the exporter. No binding grants
# allUsers or allAuthenticatedUsers anything on a function.

locals {
  function_publishes = merge([
    for fn, f in local.functions : {
      for topic in f.publishes : "${fn}/${topic}" => { function = fn, topic = topic }
    }
  ]...)

  function_dataset_access = merge(
    merge([
      for fn, f in local.functions : {
        for dataset in f.reads_datasets : "${fn}/${dataset}/read" => {
          function = fn, dataset = dataset, role = "roles/bigquery.dataViewer"
        }
      }
    ]...),
    merge([
      for fn, f in local.functions : {
        for dataset in f.writes_datasets : "${fn}/${dataset}/write" => {
          function = fn, dataset = dataset, role = "roles/bigquery.dataEditor"
        }
      }
    ]...),
  )

  export_bucket_writers = { for fn, f in local.functions : fn => f if f.export_bucket_writer }
}

# Running queries, load jobs and DML needs jobUser, which exists only at project level; it reads
# no data by itself.
resource "google_project_iam_member" "job_user" {
  for_each = local.functions

  project = var.project_id
  role    = "roles/bigquery.jobUser"
  member  = "serviceAccount:${google_service_account.function[each.key].email}"
}

resource "google_bigquery_dataset_iam_member" "function" {
  for_each = local.function_dataset_access

  dataset_id = local.dataset_ids[each.value.dataset]
  role       = each.value.role
  member     = "serviceAccount:${google_service_account.function[each.value.function].email}"

  depends_on = [google_bigquery_dataset.predictions, google_bigquery_dataset.upstream]
}

resource "google_pubsub_topic_iam_member" "publisher" {
  for_each = local.function_publishes

  topic  = google_pubsub_topic.topic[each.value.topic].name
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${google_service_account.function[each.value.function].email}"
}

resource "google_storage_bucket_iam_member" "export_writer" {
  for_each = local.export_bucket_writers

  bucket = google_storage_bucket.export.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.function[each.key].email}"
}

# The Pub/Sub invoker may call each function's Cloud Run service, and nothing else.
resource "google_cloud_run_service_iam_member" "invoker" {
  for_each = local.functions

  location = var.region
  service  = google_cloudfunctions2_function.function[each.key].name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.trigger.email}"
}

# Pub/Sub signs each push with an OIDC token of the invoker; projects created before 2021-04-08
# need this grant for that (Cloud Functions docs). Scoped to the invoker account only.
resource "google_service_account_iam_member" "pubsub_token_creator" {
  service_account_id = google_service_account.trigger.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_service_agent
}

# A custom build identity needs the Cloud Build builder role (logs, Artifact Registry, sources).
resource "google_project_iam_member" "build" {
  for_each = toset(["roles/cloudbuild.builds.builder"])

  project = var.project_id
  role    = each.key
  member  = "serviceAccount:${google_service_account.build.email}"
}
