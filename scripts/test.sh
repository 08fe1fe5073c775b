#!/usr/bin/env bash
# Runs Porter's tests (mvn -B verify) against a real PostgreSQL: the one named by PORTER_TEST_DB_URL,
# else the server on 127.0.0.1:5432 (started here if it is installed and down), else an embedded
# server that the tests start themselves. The browser test needs Chromium (Debian's package) and
# playwright-core (npm, src/test/browser): both are installed here when missing.
# Extra arguments go to Maven, e.g. -Dtest=UploadApiTest.
set -euo pipefail
cd "$(dirname "$0")/.."

local_server_answers() {
  command -v pg_isready >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -p 5432 -q
}

start_local_server() {
  command -v pg_ctlcluster >/dev/null 2>&1 || return 0
  local version
  for version in $(ls /etc/postgresql 2>/dev/null); do
    echo "test.sh: starting PostgreSQL $version (main)"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 1 30); do
    local_server_answers && return 0
    sleep 1
  done
}

if [ -z "${PORTER_TEST_DB_URL:-}" ]; then
  local_server_answers || start_local_server
  if local_server_answers; then
    export PORTER_TEST_DB_URL="postgresql://postgres@127.0.0.1:5432/postgres"
  else
    echo "test.sh: no PostgreSQL on 127.0.0.1:5432; the tests will start an embedded one"
  fi
fi
echo "test.sh: PostgreSQL for tests: ${PORTER_TEST_DB_URL:-embedded}"

install_browser() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "test.sh: installing Debian's chromium for the browser test"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q chromium >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
  fi
  if [ ! -d src/test/browser/node_modules/playwright-core ]; then
    echo "test.sh: installing playwright-core (npm ci in src/test/browser)"
    (cd src/test/browser && npm ci --no-audit --no-fund --silent)
  fi
}
install_browser

exec mvn -B verify "$@"
