# Copy to <env>.tfvars and pass with -var-file. Only project_id and export_bucket are required.
project_id    = "my-nba-props-project"
export_bucket = "my-nba-props-api"
environment   = "prod"
# dataset_prefix = ""          # "test_" with environment = "test"
# region        = "us-west2"
# alert_notification_channels = ["projects/my-nba-props-project/notificationChannels/1234567890"]
# manage_upstream_datasets = false   # when another stack owns nba_analytics / nba_raw
