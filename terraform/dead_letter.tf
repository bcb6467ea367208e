# Attaches each consumer's dead-letter topic to the subscription that delivers its events.
#
# A gen2 function's Pub/Sub trigger is an Eventarc trigger whose push subscription Eventarc creates;
# the Cloud Functions and Eventarc APIs expose it as output only, so the provider cannot set its
# dead-letter policy (hashicorp/terraform-provider-google#25069, #17697). Google's documented way is
# to update that subscription (https://cloud.google.com/eventarc/docs/retry-events), which
# scripts/attach-dead-letter.sh does with gcloud; it also lets the Pub/Sub service agent pull from
# it, which dead-lettering requires. It reruns whenever the trigger, the topic or the limit changes.

resource "terraform_data" "dead_letter_policy" {
  for_each = local.functions

  triggers_replace = [
    google_cloudfunctions2_function.function[each.key].event_trigger[0].trigger,
    google_pubsub_topic.dead_letter[each.key].id,
    local.max_delivery_attempts,
  ]

  provisioner "local-exec" {
    command = "bash ${path.module}/scripts/attach-dead-letter.sh"
    environment = {
      PROJECT               = var.project_id
      EVENTARC_TRIGGER      = google_cloudfunctions2_function.function[each.key].event_trigger[0].trigger
      DEAD_LETTER_TOPIC     = google_pubsub_topic.dead_letter[each.key].id
      MAX_DELIVERY_ATTEMPTS = tostring(local.max_delivery_attempts)
      PUBSUB_SERVICE_AGENT  = local.pubsub_service_agent
    }
  }

  depends_on = [
    google_pubsub_topic_iam_member.dead_letter_publisher,
    google_pubsub_subscription.dead_letter,
  ]
}
