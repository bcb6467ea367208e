locals {
  # Every Google API the deployment uses.
  apis = [
    "artifactregistry.googleapis.com", # images of the gen2 functions
    "bigquery.googleapis.com",
    "cloudbuild.googleapis.com", # builds each function from the source artifact
    "cloudfunctions.googleapis.com",
    "cloudresourcemanager.googleapis.com", # data.google_project (the project number)
    "cloudscheduler.googleapis.com",
    "eventarc.googleapis.com", # the Pub/Sub triggers of gen2 functions
    "iam.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com", # gen2 functions run as Cloud Run services
    "storage.googleapis.com",
  ]
}

resource "google_project_service" "api" {
  for_each = toset(local.apis)

  service = each.key
  # Destroying this stack must not switch off an API that other stacks in the project use.
  disable_on_destroy = false
}
