output "functions" {
  description = "Entry point -> deployed function name."
  value       = { for fn, f in google_cloudfunctions2_function.function : fn => f.name }
}

output "topics" {
  description = "Topic ids (publish a message to one to drive the pipeline by hand)."
  value       = { for name, t in google_pubsub_topic.topic : name => t.id }
}

output "dead_letter_subscriptions" {
  description = "Entry point -> subscription holding its dead-lettered messages."
  value       = { for fn, s in google_pubsub_subscription.dead_letter : fn => s.name }
}

output "datasets" {
  description = "Logical dataset -> physical dataset id."
  value       = local.dataset_ids
}

output "export_bucket" {
  description = "Bucket of the exported JSON."
  value       = google_storage_bucket.export.name
}

output "tonight_url" {
  description = "Public URL of tonight's export."
  value       = "https://storage.googleapis.com/${google_storage_bucket.export.name}/${local.export_prefix}tonight/all-players.json"
}

output "scheduler_jobs" {
  description = "Cloud Scheduler job names."
  value       = [for name, j in google_cloud_scheduler_job.job : j.name]
}

output "source_object" {
  description = "The deployed artifact (gs://bucket/object); its name carries the content hash."
  value       = "gs://${google_storage_bucket.source.name}/${google_storage_bucket_object.source.name}"
}
