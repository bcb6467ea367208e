# Inputs of the deployment. One environment per project: topic names are fixed by lib/topics.ts.

variable "project_id" {
  description = "Google Cloud project id to deploy into."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id (6-30 chars: lowercase letters, digits, hyphens)."
  }
}

variable "region" {
  description = "Region of the functions, topics' triggers, scheduler jobs and buckets."
  type        = string
  default     = "us-west2"
}

variable "environment" {
  description = "NBA_ENVIRONMENT of the functions: test, dev or prod (lib/config.ts)."
  type        = string
  default     = "prod"

  validation {
    condition     = contains(["test", "dev", "prod"], var.environment)
    error_message = "environment must be test, dev or prod."
  }
}

variable "dataset_prefix" {
  description = "Prefix of every BigQuery dataset name (NBA_DATASET_PREFIX): \"\" in prod, \"test_\" in test."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^[A-Za-z0-9_]*$", var.dataset_prefix))
    error_message = "dataset_prefix must match ^[A-Za-z0-9_]*$ (lib/warehouse/tables.ts)."
  }
}

variable "export_bucket" {
  description = "Globally unique name of the bucket the front end reads (v1/tonight/all-players.json ...)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$", var.export_bucket))
    error_message = "export_bucket must be a Cloud Storage bucket name (3-63 chars: lowercase letters, digits, . _ -)."
  }
}

variable "alert_notification_channels" {
  description = "Monitoring notification channel ids (projects/<p>/notificationChannels/<id>) every alert notifies."
  type        = list(string)
  default     = []
}

variable "bq_location" {
  description = "BigQuery location of the datasets (NBA_BQ_LOCATION; jobs run there)."
  type        = string
  default     = "us-west2"
}

variable "export_cors_origins" {
  description = "Origins allowed to GET the exports from a browser."
  type        = list(string)
  default     = ["*"]
}

variable "manage_upstream_datasets" {
  description = "Create the upstream datasets (nba_analytics, nba_raw). Set false when other phases own them."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Refuse to destroy the owned BigQuery tables."
  type        = bool
  default     = true
}

variable "staging_expiration_hours" {
  description = "Expiration of each _staging_<batch_id> table, hours (NBA_STAGING_EXPIRATION_HOURS)."
  type        = number
  default     = 48
}

variable "batch_deadline_minutes" {
  description = "Minutes after a batch starts when the sweep consolidates whatever arrived (NBA_BATCH_DEADLINE_MINUTES)."
  type        = number
  default     = 90
}

variable "max_event_age_minutes" {
  description = "Events older than this are dropped with a log line (NBA_MAX_EVENT_AGE_MINUTES)."
  type        = number
  default     = 360
}
