#!/usr/bin/env bash
# Sets the dead-letter policy of the Pub/Sub subscription behind one Eventarc trigger (run by
# terraform/dead_letter.tf; see there for why Terraform cannot set it itself).
#
# Environment: PROJECT, EVENTARC_TRIGGER (projects/<p>/locations/<r>/triggers/<t>),
# DEAD_LETTER_TOPIC (projects/<p>/topics/<t>), MAX_DELIVERY_ATTEMPTS, PUBSUB_SERVICE_AGENT
# (serviceAccount:service-<number>@gcp-sa-pubsub.iam.gserviceaccount.com). Needs gcloud.
set -euo pipefail

: "${PROJECT:?}" "${EVENTARC_TRIGGER:?}" "${DEAD_LETTER_TOPIC:?}" "${MAX_DELIVERY_ATTEMPTS:?}" "${PUBSUB_SERVICE_AGENT:?}"

subscription="$(gcloud eventarc triggers describe "$EVENTARC_TRIGGER" --project "$PROJECT" \
  --format 'value(transport.pubsub.subscription)')"
if [[ -z "$subscription" ]]; then
  echo "attach-dead-letter: trigger $EVENTARC_TRIGGER has no Pub/Sub subscription" >&2
  exit 1
fi

# A push request times out at the ack deadline, so it stays above the longest function timeout
# (540 s) or a slow run is redelivered while it is still running. Deadline and retry delays are
# Eventarc's defaults, stated so the whole delivery policy is in one place.
gcloud pubsub subscriptions update "$subscription" --project "$PROJECT" \
  --dead-letter-topic "$DEAD_LETTER_TOPIC" \
  --max-delivery-attempts "$MAX_DELIVERY_ATTEMPTS" \
  --ack-deadline 600 \
  --min-retry-delay 10s \
  --max-retry-delay 600s

# Forwarding to the dead-letter topic acks the message on the source subscription as the service agent.
gcloud pubsub subscriptions add-iam-policy-binding "$subscription" --project "$PROJECT" \
  --member "$PUBSUB_SERVICE_AGENT" \
  --role roles/pubsub.subscriber >/dev/null

echo "attach-dead-letter: $subscription -> $DEAD_LETTER_TOPIC after $MAX_DELIVERY_ATTEMPTS delivery attempts"
