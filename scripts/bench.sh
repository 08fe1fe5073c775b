#!/usr/bin/env bash
# Porter against PostgreSQL's own COPY, in one run on this machine (issue 6): generates an N-row
# contact CSV and a copy with 30% of the rows changed, times COPY FROM / COPY TO in a scratch
# database made from Porter's migrations, then runs Porter from its jar at -Xmx256m: imports the
# first file (update strategy), the changed file, exports CSV, XLSX and JSON, and loads the import
# status endpoint with wrk. Prints one table and appends it to docs/benchmarks.md.
# Usage: scripts/bench.sh [--rows N] [--no-docs] [--keep] [--no-load]
#   --rows N    rows of the generated file (default 1000000)
#   --no-docs   a trial run: print the table, do not append it to docs/benchmarks.md
#   --keep      keep target/bench/run-*/ (porter.log, gc.log, wrk.txt, exported files)
#   --no-load   skip the status-endpoint load figure
# Settings (environment): PG_URL_BASE (default postgresql://postgres@127.0.0.1:5432, a superuser:
# COPY reads and writes server-side files), PORTER_HEAP (default 256m), TIMEOUT_SECONDS per job
# (default 3600), PORTER_JAR (a jar to run instead of building target/porter.jar). Exit status 1 when a count is wrong, a job fails or Porter runs out of memory
# (nothing is appended then); a missed target is reported in the table, not an exit status.
# docs/benchmarks.md describes every figure.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

# 1. the tools the run needs, from Debian when missing (Java 17 and Maven come with the README's set-up)
apt_updated=false
need() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  log "installing $2"
  if [ "$apt_updated" = false ]; then apt-get update -qq >/dev/null; apt_updated=true; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
for tool in "python3 python3" "curl curl" "psql postgresql-client" "wrk wrk" "jcmd openjdk-17-jdk-headless"; do
  need $tool
done
for tool in java mvn; do
  command -v "$tool" >/dev/null 2>&1 || { log "$tool is missing: see the README's set-up"; exit 2; }
done

# 2. PostgreSQL on 127.0.0.1:5432, started when installed and down (as scripts/test.sh does)
export PG_URL_BASE="${PG_URL_BASE:-postgresql://postgres@127.0.0.1:5432}"
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && command -v pg_ctlcluster >/dev/null 2>&1; then
  for version in $(ls /etc/postgresql 2>/dev/null); do
    log "starting PostgreSQL $version (main)"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
psql "$PG_URL_BASE/postgres" -qAtX -c 'SELECT 1' >/dev/null || { log "no PostgreSQL at $PG_URL_BASE"; exit 2; }

# 3. the jar, built when missing or older than the sources
jar=target/porter.jar
if [ -n "${PORTER_JAR:-}" ]; then
  log "running $PORTER_JAR"
elif [ ! -f "$jar" ] || [ -n "$(find pom.xml src/main -newer "$jar" -print -quit)" ]; then
  log "building $jar"
  mvn -B -q package -DskipTests
fi

exec python3 scripts/bench/bench.py "$@"
