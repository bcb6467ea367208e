# Terraform and provider versions. `terraform validate` cannot run on the development machines (the
# google provider cannot be downloaded there), so test/terraform/ checks these files by contract.
terraform {
  # terraform_data (used for the dead-letter policies) needs 1.4; lifecycle preconditions 1.2.
  required_version = ">= 1.5.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.14.0, < 7.0.0"
    }
    archive = {
      source  = "hashicorp/archive"
      version = ">= 2.4.0, < 3.0.0"
    }
  }
}
