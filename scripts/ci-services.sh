#!/usr/bin/env bash
# Optional services for the integration tests, sourced by .ci/run (and by hand):
#
#   source scripts/ci-services.sh; ci_services_start; npx jest test/integration; ci_services_stop
#
# ci_services_start: when this machine has gcloud's Pub/Sub emulator jar and Java, starts the jar
#   on a free 127.0.0.1 port, waits for `GET /` to answer `Ok`, and exports PUBSUB_EMULATOR_HOST and
#   METADATA_SERVER_DETECTION=none. Otherwise it prints why and returns 0: the suites that need the
#   emulator skip themselves with the reason printed (docs/local-stack.md §1.5: the emulator
#   cannot be installed where it is missing).
# ci_services_stop: kills the java process it started, by its own PID only.
#
# Both functions return 0 in every case, so `set -euo pipefail` callers are safe.

CI_PUBSUB_EMULATOR_JAR_GLOB="${CI_PUBSUB_EMULATOR_JAR_GLOB:-/usr/lib/google-cloud-sdk/platform/pubsub-emulator/lib/cloud-pubsub-emulator-*-all.jar}"
CI_PUBSUB_EMULATOR_PID="${CI_PUBSUB_EMULATOR_PID:-}"
CI_PUBSUB_EMULATOR_LOG="${CI_PUBSUB_EMULATOR_LOG:-}"

_ci_free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();})"
}

_ci_probe() { # prints the body of GET http://$1/ (empty on failure)
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 2 "http://$1/" 2>/dev/null || true
  else
    node -e "fetch('http://$1/',{signal:AbortSignal.timeout(2000)}).then(r=>r.text()).then(t=>process.stdout.write(t),()=>{})" 2>/dev/null || true
  fi
}

ci_services_start() {
  local jar port waited started
  if [ -n "${CI_PUBSUB_EMULATOR_PID}" ] && kill -0 "${CI_PUBSUB_EMULATOR_PID}" 2>/dev/null; then
    echo "ci-services: Pub/Sub emulator already running (pid ${CI_PUBSUB_EMULATOR_PID}, ${PUBSUB_EMULATOR_HOST:-?})"
    return 0
  fi
  jar="$(ls ${CI_PUBSUB_EMULATOR_JAR_GLOB} 2>/dev/null | head -n 1 || true)"
  if [ -z "${jar}" ]; then
    echo "ci-services: no Pub/Sub emulator jar (${CI_PUBSUB_EMULATOR_JAR_GLOB}); emulator suites will be skipped"
    return 0
  fi
  if ! command -v java >/dev/null 2>&1; then
    echo "ci-services: ${jar} found but no java on PATH; emulator suites will be skipped"
    return 0
  fi
  port="$(_ci_free_port || true)"
  if [ -z "${port}" ]; then
    echo "ci-services: could not find a free port; emulator suites will be skipped"
    return 0
  fi
  CI_PUBSUB_EMULATOR_LOG="$(mktemp -t pubsub-emulator.XXXXXX.log)"
  started="$(date +%s%N)"
  java -jar "${jar}" --host=127.0.0.1 --port="${port}" >"${CI_PUBSUB_EMULATOR_LOG}" 2>&1 &
  CI_PUBSUB_EMULATOR_PID=$!
  waited=0
  while [ "${waited}" -lt 120 ]; do # up to 30 s
    if [ "$(_ci_probe "127.0.0.1:${port}")" = "Ok" ]; then
      export PUBSUB_EMULATOR_HOST="127.0.0.1:${port}"
      export METADATA_SERVER_DETECTION=none
      echo "ci-services: Pub/Sub emulator ready at ${PUBSUB_EMULATOR_HOST} (pid ${CI_PUBSUB_EMULATOR_PID}, $((($(date +%s%N) - started) / 1000000)) ms, log ${CI_PUBSUB_EMULATOR_LOG})"
      return 0
    fi
    if ! kill -0 "${CI_PUBSUB_EMULATOR_PID}" 2>/dev/null; then
      echo "ci-services: the Pub/Sub emulator exited during start; emulator suites will be skipped. Log:"
      tail -n 20 "${CI_PUBSUB_EMULATOR_LOG}" || true
      CI_PUBSUB_EMULATOR_PID=""
      return 0
    fi
    sleep 0.25
    waited=$((waited + 1))
  done
  echo "ci-services: the Pub/Sub emulator did not answer Ok within 30 s; stopping it, emulator suites will be skipped"
  ci_services_stop
  return 0
}

ci_services_stop() {
  local i
  if [ -n "${CI_PUBSUB_EMULATOR_PID}" ]; then
    if kill "${CI_PUBSUB_EMULATOR_PID}" 2>/dev/null; then
      for i in $(seq 1 40); do # up to 10 s for a clean exit, then SIGKILL the same PID
        kill -0 "${CI_PUBSUB_EMULATOR_PID}" 2>/dev/null || break
        sleep 0.25
      done
      if kill -0 "${CI_PUBSUB_EMULATOR_PID}" 2>/dev/null; then kill -9 "${CI_PUBSUB_EMULATOR_PID}" 2>/dev/null || true; fi
      echo "ci-services: stopped the Pub/Sub emulator (pid ${CI_PUBSUB_EMULATOR_PID})"
    fi
    wait "${CI_PUBSUB_EMULATOR_PID}" 2>/dev/null || true
    CI_PUBSUB_EMULATOR_PID=""
    unset PUBSUB_EMULATOR_HOST
  fi
  if [ -n "${CI_PUBSUB_EMULATOR_LOG}" ]; then rm -f "${CI_PUBSUB_EMULATOR_LOG}"; CI_PUBSUB_EMULATOR_LOG=""; fi
  return 0
}
