# The one deploy artifact (DESIGN §1: one package, five entry points): the output of
# `npm run build` plus what the runtime reads, zipped and uploaded once; every function builds from it.

locals {
  package_root = abspath("${path.module}/..")

  # An allowlist, so nothing else in the checkout (.local/, test fixtures, credentials) can ship.
  # - dist/functions, dist/lib: package.json "main" is dist/functions/index.js, which imports lib/.
  # - models/: the xgboost_v1 model and its meta (lib/model/xgboost/artifacts.ts).
  # - data/*.csv: lib/paths.ts finds the package root as the folder holding package.json AND data/,
  #   so the folder must exist next to package.json; the large .csv.gz seeds are local-only.
  # - site/*.html, site/*.css, dist/site/*.js, dist/site/vendor/*, reports/backtest-*: the pages
  #   exportTonight uploads with the data (lib/site/bundle.ts): their compiled scripts, the chart
  #   library the build copies out of the echarts dev dependency (lib/site/vendor.ts), and the
  #   backtest report they show.
  artifact_patterns = [
    "package.json",
    "package-lock.json",
    "dist/functions/**/*.js",
    "dist/lib/**/*.js",
    "models/*.json",
    "data/*.csv",
    "site/*.html",
    "site/*.css",
    "dist/site/*.js",
    "dist/site/vendor/*",
    "reports/backtest-*.json",
    "reports/backtest-*.md",
    "reports/backtest-*.svg",
  ]
  artifact_files = sort(distinct(flatten([
    for pattern in local.artifact_patterns : tolist(fileset(local.package_root, pattern))
  ])))

  # The object name carries a hash of the inputs, so an unchanged build redeploys nothing and a
  # changed one always gets a new object (and a new build of every function).
  artifact_hash = sha256(join("\n", concat([
    for f in local.artifact_files : "${f} ${filesha256("${local.package_root}/${f}")}"
  ], [".npmrc ${sha256(local.artifact_npmrc)}"])))

  # Written into the artifact as .npmrc, next to package.json, where the function build's
  # `npm ci` reads it: optional dependencies are not installed, whatever --omit the build passes.
  # The only optional dependency is @duckdb/node-api (about 70 MB native), which only the local
  # runtime loads (lib/local/runtime.ts); test/gcp/no-duckdb.test.ts holds the Google path to that.
  artifact_npmrc = "optional=false\n"
}

data "archive_file" "source" {
  type        = "zip"
  output_path = "${path.module}/.build/nba-props-source.zip"

  dynamic "source" {
    for_each = toset(local.artifact_files)
    content {
      filename = source.value
      content  = file("${local.package_root}/${source.value}")
    }
  }

  source {
    filename = ".npmrc"
    content  = local.artifact_npmrc
  }
}

resource "google_storage_bucket" "source" {
  name                        = "${var.project_id}-nba-props-source"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  depends_on = [google_project_service.api]
}

resource "google_storage_bucket_object" "source" {
  name   = "nba-props/${local.artifact_hash}.zip"
  bucket = google_storage_bucket.source.name
  source = data.archive_file.source.output_path

  lifecycle {
    precondition {
      condition     = contains(local.artifact_files, "dist/functions/index.js")
      error_message = "dist/functions/index.js is missing: run `npm ci && npm run build` before terraform plan/apply."
    }
    precondition {
      condition     = contains(local.artifact_files, "package-lock.json")
      error_message = "package-lock.json is missing: the function build runs `npm ci`, which needs it."
    }
  }
}
