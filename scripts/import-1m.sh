#!/usr/bin/env bash
# Imports a generated N-row contact CSV (default 1,000,000) into a Porter started from its jar with
# -Xmx256m, against the PostgreSQL on 127.0.0.1:5432, and checks the counts. Issue 3 item 8; the
# seed of issue 6's scripts/bench.sh. After the import it exports all contacts in each format through
# the API (issue 4 item 6), downloads each file through its signed link and counts its records.
# Usage: scripts/import-1m.sh [--rows N] [--keep] [--export FORMATS | --no-export]
#   --rows N          rows of the generated file (default 1000000)
#   --keep            keep the work folder (target/bench/run-*) with the Porter log and GC log
#   --export FORMATS  comma-separated export formats after the import (default csv,xlsx,json)
#   --no-export       import only
# Settings (environment): PG_URL_BASE (default postgresql://postgres@127.0.0.1:5432),
# PORTER_HEAP (default 256m), POLL_SECONDS (default 2), TIMEOUT_SECONDS (default 3600).
# Exit status: 0 when the import completed with created+updated+skipped+errorCount == N, every export
# completed with totalContacts == processedContacts == N and a downloaded file of N records, and no
# OutOfMemoryError happened; else 1.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

rows=1000000
keep=false
exports="csv,xlsx,json"
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --keep) keep=true; shift ;;
    --export) exports="$2"; shift 2 ;;
    --no-export) exports=""; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "import-1m.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
PG_URL_BASE="${PG_URL_BASE:-postgresql://postgres@127.0.0.1:5432}"
PORTER_HEAP="${PORTER_HEAP:-256m}"
POLL_SECONDS="${POLL_SECONDS:-2}"
TIMEOUT_SECONDS="${TIMEOUT_SECONDS:-3600}"
PSQL_HOST=127.0.0.1 PSQL_PORT=5432 PSQL_USER=postgres
for f in ${exports//,/ }; do
  case "$f" in csv|xlsx|json) ;; *) echo "import-1m.sh: unknown export format $f" >&2; exit 2 ;; esac
done

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

# 5. import figures
count() { echo "$job" | jget "$1"; }
created=$(count createdCount); updated=$(count updatedCount); skipped=$(count skippedCount)
errors=$(count errorCount); total=$(count totalRows)
secs=$(python3 -c "print(f'{$t1-$t0:.1f}')")
up_secs=$(python3 -c "print(f'{$t_up_end-$t_up:.1f}')")
rate=$(python3 -c "print(f'{$rows/max($t1-$t0,1e-9):.0f}')")
# a job's own duration, from its startedAt and completedAt (no queueing or polling delay)
job_duration() { python3 -c '
import json, sys
from datetime import datetime
d = json.load(sys.stdin)
try:
    a, b = (datetime.fromisoformat(d[k].replace("Z", "+00:00")) for k in ("startedAt", "completedAt"))
    print(f"{(b - a).total_seconds():.1f}")
except Exception:
    print("")'; }
job_secs=$(echo "$job" | job_duration)
[ "$status" = completed ] || rate="-"
job_rate=$( [ -n "$job_secs" ] && python3 -c "print(f'{$rows/max($job_secs,1e-9):.0f}')" || echo "")
# memory figures of the GC log lines $1..$2 (first and last when empty) and of the RSS samples in an epoch range
gc_lines() { sed -n "${1:-1},${2:-\$}p" "$run/gc.log" 2>/dev/null; }
# peak heap: the largest "used before GC" (e.g. "Pause Young ... 120M->30M(256M)")
# (no GC at all in a range is 0 MiB, not a failure: a fast import can end without one after it)
peak_heap_of() { gc_lines "$@" | { grep -oE '[0-9]+[KMG]->[0-9]+[KMG]\([0-9]+[KMG]\)' || true; } \
  | awk -F'->' '{v=$1; u=substr(v,length(v)); n=substr(v,1,length(v)-1)+0;
       if(u=="K")n/=1024; if(u=="G")n*=1024; if(n>m)m=n} END{printf "%.0f MiB", m}'; }
# live heap: the largest "used after GC" of the young pauses (what the process really keeps)
live_heap_of() { gc_lines "$@" | { grep -E 'Pause Young' || true; } | { grep -oE '[0-9]+[KMG]->[0-9]+[KMG][(]' || true; } \
  | awk -F'->' '{v=substr($2,1,length($2)-1); u=substr(v,length(v)); n=substr(v,1,length(v)-1)+0;
       if(u=="K")n/=1024; if(u=="G")n*=1024; if(n>m)m=n} END{printf "%.0f MiB", m}'; }
gcs_of() { gc_lines "$@" | grep -c 'Pause' || true; }
rss_of() { awk -v f="${1:-0}" -v t="${2:-9999999999}" '$1>=f && $1<=t && $2>m{m=$2} END{printf "%.0f MiB", m/1024}' "$run/rss.samples" 2>/dev/null; }
oom_seen() { if grep -q 'OutOfMemoryError' "$run/porter.log" || ls "$run"/*.hprof >/dev/null 2>&1; then echo yes; else echo no; fi; }
import_gc_lines=$(wc -l <"$run/gc.log" 2>/dev/null || echo 0)
import_end_epoch=$(date +%s)
imp_peak_heap=$(peak_heap_of 1 "$import_gc_lines"); imp_live=$(live_heap_of 1 "$import_gc_lines")
imp_gcs=$(gcs_of 1 "$import_gc_lines"); imp_rss=$(rss_of 0 "$import_end_epoch")

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
peak heap       $imp_peak_heap in the import (max used before a GC, -Xmx$PORTER_HEAP; $imp_gcs GC pauses)
live heap       $imp_live in the import (max used after a young GC)
peak RSS        $imp_rss in the import
OUT

ok=true
fail_detail() {
  echo "$1" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps({k:d.get(k) for k in ("status","error","errors")}, ensure_ascii=False)[:2000])' >&2 || true
}
[ "$status" = completed ] || { log "FAIL: import status is '$status', not completed"; ok=false; }
sum=$(( ${created:-0} + ${updated:-0} + ${skipped:-0} + ${errors:-0} ))
[ "$sum" = "$rows" ] || { log "FAIL: created+updated+skipped+errors = $sum, not $rows"; ok=false; }
[ "$(oom_seen)" = no ] || { log "FAIL: OutOfMemoryError in the import (see $run)"; ok=false; }
[ "$ok" = true ] || { fail_detail "$job"; exports=""; }

# 6. exports: each format in turn, all contacts, downloaded through the signed link (no token)
# records in a downloaded file: CSV rows (a real CSV parser, so quoted newlines count once) minus the
# header; XLSX <row> elements of all sheets minus one header per sheet; JSON "email": keys (a quote
# inside a value is escaped, so it cannot fake one), after checking the file parses as one array
count_records() { # format file
  case "$1" in
    csv) python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))) - 1)' "$2" ;;
    xlsx) local sheets rws
          sheets=$(unzip -Z1 "$2" | grep -cE '^xl/worksheets/sheet[0-9]+\.xml$' || true)
          # one <row> a line first: a sheet is one long line, which grep -o crawls through
          rws=$(unzip -p "$2" 'xl/worksheets/sheet*.xml' | LC_ALL=C tr '<' '\n' | LC_ALL=C grep -cE '^row[ >]' || true)
          echo $(( rws - sheets )) ;;
    json) python3 -c 'import json,sys; d=json.load(open(sys.argv[1], encoding="utf-8")); assert isinstance(d, list)' "$2" \
            || { echo "-1"; return; }
          LC_ALL=C grep -o '"email":' "$2" | wc -l ;;
  esac
}
result_exports=""
for fmt in ${exports//,/ }; do
  if ! kill -0 "$porter_pid" 2>/dev/null; then log "FAIL: Porter is not running; no $fmt export"; ok=false; break; fi
  log "exporting all contacts as $fmt"
  e_t0=$(date +%s.%N)
  e_start=$(curl -sS "${auth[@]}" -H 'Content-Type: application/json' -d "{\"format\":\"$fmt\"}" \
                 "$base/api/contacts/export" || echo '{}')
  e_id=$(echo "$e_start" | jget jobId)
  e_status="" e_job="{}"
  if [ -z "$e_id" ]; then
    log "FAIL: $fmt export did not start: $e_start"; e_status="not-started"
  else
    deadline=$(( $(date +%s) + TIMEOUT_SECONDS )); last_print=0
    while :; do
      e_job=$(curl -fsS "${auth[@]}" "$base/api/contacts/export/$e_id" || echo '{}')
      e_status=$(echo "$e_job" | jget status)
      case "$e_status" in completed|failed|cancelled|expired) break ;; esac
      if ! kill -0 "$porter_pid" 2>/dev/null; then log "Porter died during the $fmt export"; e_status="porter-died"; break; fi
      if [ "$(date +%s)" -ge "$deadline" ]; then log "$fmt export timed out after $TIMEOUT_SECONDS s"; e_status="timeout"; break; fi
      now=$(date +%s)
      if [ $((now - last_print)) -ge 15 ]; then
        log "$fmt status=$e_status processed=$(echo "$e_job" | jget processedContacts)/$(echo "$e_job" | jget totalContacts)"
        last_print=$now
      fi
      sleep "$POLL_SECONDS"
    done
  fi
  e_t1=$(date +%s.%N)
  e_secs=$(python3 -c "print(f'{$e_t1-$e_t0:.1f}')")
  e_job_secs=$(echo "$e_job" | job_duration)
  e_total=$(echo "$e_job" | jget totalContacts); e_processed=$(echo "$e_job" | jget processedContacts)
  e_rate="-"; [ "$e_status" = completed ] && e_rate=$(python3 -c "print(f'{$rows/max($e_t1-$e_t0,1e-9):.0f}')")
  e_file="$run/export-$rows.$fmt"; e_size="-"; e_records="-"; d_secs="-"
  if [ "$e_status" = completed ]; then
    link=$(curl -fsS "${auth[@]}" "$base/api/contacts/export/$e_id/download" || echo '{}')
    url=$(echo "$link" | jget downloadUrl)
    case "$url" in http*) ;; /*) url="$base$url" ;; esac
    d_t0=$(date +%s.%N)
    if [ -n "$url" ] && curl -fsS -o "$e_file" "$url"; then   # no Authorization header: the link is signed
      d_secs=$(python3 -c "print(f'{$(date +%s.%N)-$d_t0:.1f}')")
      e_size=$(stat -c %s "$e_file")
      e_records=$(count_records "$fmt" "$e_file")
    else
      log "FAIL: $fmt download failed: $link"; e_status="download-failed"
    fi
  fi
  cat <<OUT
== Porter $fmt export ==
status          $e_status
export          ${e_secs} s (API call to terminal status seen by polling every ${POLL_SECONDS} s)
contacts/s      $e_rate
job time        ${e_job_secs:-?} s (startedAt to completedAt)
totalContacts   $e_total
processed       $e_processed
download        ${d_secs} s, $e_size bytes (fileSize $(echo "$e_job" | jget fileSize))
records         $e_records (in the downloaded file)
OUT
  e_ok=true
  [ "$e_status" = completed ] || { log "FAIL: $fmt export status is '$e_status', not completed"; e_ok=false; }
  [ "$e_total" = "$rows" ] || { log "FAIL: $fmt export totalContacts = '$e_total', not $rows"; e_ok=false; }
  [ "$e_processed" = "$rows" ] || { log "FAIL: $fmt export processedContacts = '$e_processed', not $rows"; e_ok=false; }
  [ "$e_records" = "$rows" ] || { log "FAIL: $fmt file holds '$e_records' records, not $rows"; e_ok=false; }
  [ "$e_ok" = true ] || { ok=false; fail_detail "$e_job"; }
  [ "$keep" = true ] || [ "$e_ok" != true ] || rm -f "$e_file"   # kept for a look when wrong
  result_exports+=" ${fmt}_status=$e_status ${fmt}_seconds=$e_secs ${fmt}_contacts_per_s=$e_rate ${fmt}_job_seconds=${e_job_secs} ${fmt}_bytes=$e_size ${fmt}_records=$e_records"
done

# 7. memory over the whole run (import and exports)
sleep 1   # one more RSS sample
peak_heap=$(peak_heap_of); peak_live=$(live_heap_of); gcs=$(gcs_of); peak_rss=$(rss_of)
x_from=$((import_gc_lines + 1))
exp_peak_heap=$(peak_heap_of "$x_from"); exp_live=$(live_heap_of "$x_from"); exp_gcs=$(gcs_of "$x_from")
exp_rss=$(rss_of "$import_end_epoch")
oom=$(oom_seen)
cat <<OUT
== Porter memory, whole run (import${exports:+ and exports $exports}) ==
peak heap       $peak_heap (max used before a GC, -Xmx$PORTER_HEAP; $gcs GC pauses)
live heap       $peak_live (max used after a young GC)
peak RSS        $peak_rss
exports alone   peak heap $exp_peak_heap, live heap $exp_live ($exp_gcs GC pauses), peak RSS $exp_rss
OutOfMemory     $oom
OUT
[ "$oom" = no ] || { log "FAIL: OutOfMemoryError (see $run)"; ok=false; }
if [ "$ok" != true ]; then
  tail -40 "$run/porter.log" >&2
  exit 1
fi
log "OK"
# one machine-readable line, for scripts that grow from this one (issue 6's bench.sh); the heap and RSS
# figures cover the whole run, import_* ones the import alone, export_* ones the exports alone
echo "RESULT rows=$rows status=$status seconds=$secs rows_per_s=$rate job_seconds=${job_secs} created=$created updated=$updated skipped=$skipped errors=$errors${result_exports} import_peak_heap_mib=${imp_peak_heap% MiB} import_live_heap_mib=${imp_live% MiB} import_peak_rss_mib=${imp_rss% MiB} export_peak_heap_mib=${exp_peak_heap% MiB} export_live_heap_mib=${exp_live% MiB} export_peak_rss_mib=${exp_rss% MiB} peak_heap_mib=${peak_heap% MiB} live_heap_mib=${peak_live% MiB} peak_rss_mib=${peak_rss% MiB} oom=$oom"
