#!/usr/bin/env bash
# Debian's chromium for the browser tests (test/browser), sourced by .ci/run (and by hand):
#
#   source scripts/ci-chromium.sh; ci_chromium_install
#
# ci_chromium_install: does nothing when the browser is there (NBA_CHROMIUM, default
#   /usr/bin/chromium, the path the tests launch). Otherwise, as root with apt-get, installs
#   `chromium` and `fonts-liberation` (the fonts the screenshots are drawn with) without
#   recommends, quietly, printing one line; the apt output goes to a log that is shown only when the
#   install fails. Where it cannot install (not root, no apt-get, apt fails) it prints why and the
#   browser suite skips itself with the reason printed. Always returns 0, so `set -euo pipefail`
#   callers are safe; running it twice installs once.

ci_chromium_install() {
  local bin="${NBA_CHROMIUM:-/usr/bin/chromium}"
  if [ -x "$bin" ]; then
    return 0
  fi
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ci-chromium: $bin is missing and apt-get cannot run here (needs root and apt-get): the browser tests will skip"
    return 0
  fi
  local log
  log="$(mktemp "${TMPDIR:-/tmp}/ci-chromium.XXXXXX.log")"
  echo "ci-chromium: installing Debian's chromium for the browser tests (log: $log)"
  if DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$log" 2>&1 &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >>"$log" 2>&1; then
    if [ -x "$bin" ]; then
      rm -f "$log"
      return 0
    fi
    echo "ci-chromium: apt-get installed chromium but $bin is still missing: the browser tests will skip"
  else
    echo "ci-chromium: apt-get could not install chromium: the browser tests will skip; last lines of $log:"
  fi
  tail -n 5 "$log" || true
  return 0
}
