# The export bucket the front end reads from a browser. Everything the exporter writes is under
# v1/ (lib/export/paths.ts EXPORT_PATHS); only that prefix is public, through a managed
# folder (IAM conditions cannot grant to allUsers, managed folders can).

locals {
  export_prefix = "v1/"
}

resource "google_storage_bucket" "export" {
  name                        = var.export_bucket
  location                    = var.region
  uniform_bucket_level_access = true
  # Anonymous reads are granted on the managed folder below; "enforced" would forbid them.
  public_access_prevention = "inherited"

  # Each export overwrites all-players.json; a bad one is rolled back by restoring the previous
  # generation (gcloud storage cp gs://<bucket>/<object>#<generation> gs://<bucket>/<object>).
  versioning {
    enabled = true
  }

  soft_delete_policy {
    retention_duration_seconds = 604800
  }

  lifecycle_rule {
    condition {
      days_since_noncurrent_time = 14
    }
    action {
      type = "Delete"
    }
  }

  cors {
    origin          = var.export_cors_origins
    method          = ["GET", "HEAD"]
    response_header = ["Content-Type", "Cache-Control", "ETag"]
    max_age_seconds = 3600
  }

  depends_on = [google_project_service.api]
}

resource "google_storage_managed_folder" "export" {
  bucket = google_storage_bucket.export.name
  name   = local.export_prefix
}

resource "google_storage_managed_folder_iam_member" "public_read" {
  bucket         = google_storage_managed_folder.export.bucket
  managed_folder = google_storage_managed_folder.export.name
  role           = "roles/storage.objectViewer"
  member         = "allUsers"
}
