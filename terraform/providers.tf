provider "google" {
  project = var.project_id
  region  = var.region

  # Every resource that takes labels carries these, so billing and logs can be filtered by app.
  default_labels = {
    app         = "nba-props"
    environment = var.environment
  }
}
