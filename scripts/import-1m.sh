#!/usr/bin/env bash
# Imports a generated N-row contact CSV (default 1,000,000) into a Porter started from its jar with
# -Xmx256m, against the PostgreSQL on 127.0.0.1:5432, and checks the counts. Issue 3 item 8; the
# seed of issue 6's scripts/bench.sh. Usage: scripts/import-1m.sh [--rows N] [--keep]
#   --rows N   rows of the generated file (default 1000000)
#   --keep     keep the work folder (target/bench/run-*) with the Porter log and GC log
# Settings (environment): PG_URL_BASE (default postgresql://postgres@127.0.0.1:5432),
# PORTER_HEAP (default 256m), POLL_SECONDS (default 2), TIMEOUT_SECONDS (default 3600).
# Exit status: 0 when the job completed with created+updated+skipped+errorCount == N, else 1.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

rows=1000000
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "import-1m.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
PG_URL_BASE="${PG_URL_BASE:-postgresql://postgres@127.0.0.1:5432}"
PORTER_HEAP="${PORTER_HEAP:-256m}"
POLL_SECONDS="${POLL_SECONDS:-2}"
TIMEOUT_SECONDS="${TIMEOUT_SECONDS:-3600}"
PSQL_HOST=127.0.0.1 PSQL_PORT=5432 PSQL_USER=postgres

log() { echo "[import-1m $(date +%H:%M:%S)] $*" >&2; }

# 1. the jar
jar=target/porter.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src -newer "$jar" -print -quit)" ]; then
  log "building $jar"
  mvn -B -q package -DskipTests
fi

# 2. the file (cached per row count: generation is deterministic)
mkdir -p target/bench
csv="target/bench/contacts-$rows.csv"
if [ ! -s "$csv" ]; then
  log "generating $csv"
  python3 scripts/bench/gen_contacts.py "$rows" "$csv.tmp"
  mv "$csv.tmp" "$csv"
fi
log "file: $csv ($(stat -c %s "$csv") bytes)"

# 3. Porter on a fresh database, storage folder and port
run="target/bench/run-$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$run/files"
run=$(cd "$run" && pwd)
db="porter_bench_$(date +%s)_$$"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
secret=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
porter_pid=""
sampler_pid=""

cleanup() {
  local rc=$?
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
  if [ -n "$porter_pid" ] && kill -0 "$porter_pid" 2>/dev/null; then
    kill "$porter_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$porter_pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$porter_pid" 2>/dev/null || true
  fi
  psql -h "$PSQL_HOST" -p "$PSQL_PORT" -U "$PSQL_USER" -d postgres -qAt \
       -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || log "could not drop database $db"
  if [ "$keep" = true ] || [ $rc -ne 0 ]; then
    rm -rf "$run/files"
    log "kept $run (porter.log, gc.log, samples)"
  else
    rm -rf "$run"
  fi
  exit $rc
}
trap cleanup EXIT INT TERM

log "starting Porter: heap $PORTER_HEAP, port $port, database $db"
PORTER_DB_URL="$PG_URL_BASE/$db" \
PORTER_JWT_SECRET="$secret" \
PORTER_HTTP_HOST=127.0.0.1 \
PORTER_HTTP_PORT="$port" \
PORTER_STORAGE=local \
PORTER_STORAGE_DIR="$run/files" \
PORTER_CONFIG="$root/conf/config.yaml" \
java -Xmx"$PORTER_HEAP" -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath="$run" \
     -Xlog:gc:file="$run/gc.log":uptime \
     -jar "$jar" >"$run/porter.log" 2>&1 &
porter_pid=$!

base="http://127.0.0.1:$port"
for i in $(seq 1 120); do
  if curl -fsS "$base/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$porter_pid" 2>/dev/null; then log "Porter exited at start-up:"; tail -30 "$run/porter.log" >&2; exit 1; fi
  [ "$i" = 120 ] && { log "Porter did not answer /health in 60 s"; tail -30 "$run/porter.log" >&2; exit 1; }
  sleep 0.5
done

# RSS and heap-used samples of the Porter process (one line a second: epoch rss_kib)
( while kill -0 "$porter_pid" 2>/dev/null; do
    echo "$(date +%s) $(awk '/VmRSS/{print $2}' /proc/$porter_pid/status 2>/dev/null)"
    sleep 1
  done ) >"$run/rss.samples" 2>/dev/null &
sampler_pid=$!

# HS256 token for a fresh tenant: sub and tenantId are UUIDs
token=$(SECRET="$secret" python3 - <<'PY'
import base64, hashlib, hmac, json, os, time, uuid
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
body = b64(json.dumps({"sub": str(uuid.uuid4()), "tenantId": str(uuid.uuid4()),
                       "iat": int(time.time()), "exp": int(time.time()) + 6 * 3600}).encode())
sig = hmac.new(os.environ["SECRET"].encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
print(f"{head}.{body}.{b64(sig)}")
PY
)
auth=(-H "Authorization: Bearer $token")
jget() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get(sys.argv[1], "") if d.get(sys.argv[1]) is not None else "")' "$1"; }

# 4. upload, import, poll
log "uploading"
t_up=$(date +%s.%N)
upload=$(curl -fsS "${auth[@]}" -H 'Content-Type: text/csv' --data-binary @"$csv" \
              "$base/api/uploads?fileName=contacts-$rows.csv")
t_up_end=$(date +%s.%N)
file_url=$(echo "$upload" | jget fileUrl)
[ -n "$file_url" ] || { log "upload failed: $upload"; exit 1; }

log "starting the import of $file_url"
t0=$(date +%s.%N)
start=$(curl -fsS "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"fileName\":\"contacts-$rows.csv\",\"fileUrl\":\"$file_url\",\"options\":{\"duplicateStrategy\":\"update\"}}" \
  "$base/api/contacts/import")
job_id=$(echo "$start" | jget jobId)
[ -n "$job_id" ] || { log "import did not start: $start"; exit 1; }

status="" job=""
deadline=$(( $(date +%s) + TIMEOUT_SECONDS ))
last_print=0
while :; do
  job=$(curl -fsS "${auth[@]}" "$base/api/contacts/import/$job_id" || echo '{}')
  status=$(echo "$job" | jget status)
  case "$status" in completed|failed|cancelled|rolled_back) break ;; esac
  if ! kill -0 "$porter_pid" 2>/dev/null; then log "Porter died during the import"; status="porter-died"; break; fi
  if [ "$(date +%s)" -ge "$deadline" ]; then log "timed out after $TIMEOUT_SECONDS s"; status="timeout"; break; fi
  now=$(date +%s)
  if [ $((now - last_print)) -ge 15 ]; then
    log "status=$status processed=$(echo "$job" | jget processedRows)"
    last_print=$now
  fi
  sleep "$POLL_SECONDS"
done
t1=$(date +%s.%N)

# 5. figures
count() { echo "$job" | jget "$1"; }
created=$(count createdCount); updated=$(count updatedCount); skipped=$(count skippedCount)
errors=$(count errorCount); total=$(count totalRows)
secs=$(python3 -c "print(f'{$t1-$t0:.1f}')")
up_secs=$(python3 -c "print(f'{$t_up_end-$t_up:.1f}')")
rate=$(python3 -c "print(f'{$rows/max($t1-$t0,1e-9):.0f}')")
# the job's own duration, from its startedAt and completedAt (no queueing or polling delay)
job_secs=$(echo "$job" | python3 -c '
import json, sys
from datetime import datetime
d = json.load(sys.stdin)
try:
    a, b = (datetime.fromisoformat(d[k].replace("Z", "+00:00")) for k in ("startedAt", "completedAt"))
    print(f"{(b - a).total_seconds():.1f}")
except Exception:
    print("")')
[ "$status" = completed ] || rate="-"
job_rate=$( [ -n "$job_secs" ] && python3 -c "print(f'{$rows/max($job_secs,1e-9):.0f}')" || echo "")
# peak heap: the largest "used before GC" of the GC log (e.g. "Pause Young ... 120M->30M(256M)")
peak_heap=$(grep -oE '[0-9]+[KMG]->[0-9]+[KMG]\([0-9]+[KMG]\)' "$run/gc.log" 2>/dev/null \
  | awk -F'->' '{v=$1; u=substr(v,length(v)); n=substr(v,1,length(v)-1)+0;
       if(u=="K")n/=1024; if(u=="G")n*=1024; if(n>m)m=n} END{printf "%.0f MiB", m}')
# live heap: the largest "used after GC" of the young pauses (what the import really keeps)
peak_live=$(grep -E 'Pause Young' "$run/gc.log" 2>/dev/null | grep -oE '[0-9]+[KMG]->[0-9]+[KMG][(]' \
  | awk -F'->' '{v=substr($2,1,length($2)-1); u=substr(v,length(v)); n=substr(v,1,length(v)-1)+0;
       if(u=="K")n/=1024; if(u=="G")n*=1024; if(n>m)m=n} END{printf "%.0f MiB", m}')
gcs=$(grep -c 'Pause' "$run/gc.log" 2>/dev/null || true)
peak_rss=$(awk '$2>m{m=$2} END{printf "%.0f MiB", m/1024}' "$run/rss.samples" 2>/dev/null)
oom=no
if grep -q 'OutOfMemoryError' "$run/porter.log" || ls "$run"/*.hprof >/dev/null 2>&1; then oom=yes; fi

cat <<OUT
== Porter import benchmark ==
rows            $rows ($(stat -c %s "$csv") bytes)
status          $status
upload          ${up_secs} s
import          ${secs} s (API call to terminal status seen by polling every ${POLL_SECONDS} s)
rows/s          $rate
job time        ${job_secs:-?} s (startedAt to completedAt), ${job_rate:-?} rows/s
totalRows       $total
created         $created
updated         $updated
skipped         $skipped
errors          $errors
peak heap       $peak_heap (max used before a GC, -Xmx$PORTER_HEAP; $gcs GC pauses)
live heap       $peak_live (max used after a young GC)
peak RSS        $peak_rss
OutOfMemory     $oom
OUT

ok=true
[ "$status" = completed ] || { log "FAIL: status is '$status', not completed"; ok=false; }
sum=$(( ${created:-0} + ${updated:-0} + ${skipped:-0} + ${errors:-0} ))
[ "$sum" = "$rows" ] || { log "FAIL: created+updated+skipped+errors = $sum, not $rows"; ok=false; }
[ "$oom" = no ] || { log "FAIL: OutOfMemoryError (see $run)"; ok=false; }
if [ "$ok" != true ]; then
  echo "$job" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps({k:d.get(k) for k in ("status","errors")}, ensure_ascii=False)[:2000])' >&2 || true
  tail -40 "$run/porter.log" >&2
  exit 1
fi
log "OK"
# one machine-readable line, for scripts that grow from this one (issue 6's bench.sh)
echo "RESULT rows=$rows status=$status seconds=$secs rows_per_s=$rate job_seconds=${job_secs} created=$created updated=$updated skipped=$skipped errors=$errors peak_heap_mib=${peak_heap% MiB} live_heap_mib=${peak_live% MiB} peak_rss_mib=${peak_rss% MiB} oom=$oom"
