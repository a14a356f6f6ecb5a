#!/usr/bin/env bash
# Legitimate clients under abusive floods (issue "Open to the internet"). For each configuration, a fresh edge in
# front of PostgreSQL and Redis (scripts/servers.sh) trusts 127.0.0.1 as its proxy, and, for --duration seconds:
#   floods   wrk, 2 threads x 32 connections from --attackers client addresses: unique page keys of real products,
#            unknown product ids, random two-word searches (bench/wrk/abuse.lua, QA_MODE=flood);
#   readers  wrk, 1 thread x 8 connections of legitimate hot reads (zipf over 1,000 products, warmed first), each
#            connection pausing 20 ms between requests (at most 400 reads/s: people, not a load generator);
#   writers  one vote every 100 ms, each from another client address (curl); answered = 204, or 404 for a question not approved (reported).
# Before that, each edge is warmed: the hot set, then 5 s of the flood's requests from other addresses, so that no
# configuration is measured while its code paths are still being compiled. It prints one table row per
# configuration: the readers' and writers' p99 and errors, and what the floods got.
#   bench/abuse.sh [--products N] [--duration S] [--attackers A] [--before COMMIT] [--set Name__Key=value ...]
# Configurations: "protected, no flood" (the readers and writers alone, for reference), "protected" (the defaults,
# or as --set changes them), "unprotected" (no miss budget, no negative answers kept:
# Qa:Protection:MissesPerSecond=0, Qa:Cache:NegativeEntryLimit=0) and, with --before, the edge built from COMMIT.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/servers.sh

PRODUCTS=100000
DURATION=20
ATTACKERS=4
BEFORE=""
PROTECTED_SETTINGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --products) PRODUCTS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --attackers) ATTACKERS="$2"; shift 2 ;;
    --before) BEFORE="$2"; shift 2 ;;
    --set) PROTECTED_SETTINGS+=("$2"); shift 2 ;;
    *) echo "usage: bench/abuse.sh [--products N] [--duration S] [--attackers A] [--before COMMIT] [--set Name__Key=value ...]" >&2; exit 64 ;;
  esac
done

DB=qa_abuse
OUT="$QA_DATA/abuse"
mkdir -p "$OUT"
command -v wrk >/dev/null || qa_apt_install wrk
qa_ensure_packages
qa_start_postgres
qa_start_redis
qa_log "Building the edge (Release)"
dotnet publish src/EdgeHost/EdgeHost.csproj -c Release -o "$OUT/edge" --nologo -v quiet >/dev/null
if [ -n "$BEFORE" ]; then
  qa_log "Building the edge of $BEFORE (Release)"
  rm -rf "$OUT/before-src"
  git worktree add --detach "$OUT/before-src" "$BEFORE" >/dev/null 2>&1
  dotnet publish "$OUT/before-src/src/EdgeHost/EdgeHost.csproj" -c Release -o "$OUT/before" --nologo -v quiet >/dev/null
  git worktree remove --force "$OUT/before-src"
fi

qa_bench_dataset "$DB" "$PRODUCTS" "$OUT/edge"
QUESTIONS="$("$(qa_pg_bin)/psql" -h 127.0.0.1 -p "$QA_PG_PORT" -U qa -qtA -d "$DB" -c "SELECT max(id) FROM questions")"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

# A fresh edge (empty Redis) from directory $1, with extra settings as NAME=value; sets edge_pid once healthy.
start_edge() {
  local dir="$1"
  shift
  qa_bench_redis_empty
  env ConnectionStrings__Postgres="$DB_CS" $(qa_bench_redis_settings) Logging__LogLevel__Default=Warning \
    Qa__Protection__KnownProxies__0=127.0.0.1 "$@" dotnet "$dir/EdgeHost.dll" --Urls=http://127.0.0.1:5085 >"$OUT/edge.log" 2>&1 &
  edge_pid=$!
  pids+=("$edge_pid")
  for _ in $(seq 60); do curl -sf http://127.0.0.1:5085/healthz >/dev/null && return; sleep 1; done
  echo "the edge did not start; see $OUT/edge.log" >&2
  exit 1
}

ms() { awk '{ v = $1; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else if (v ~ /s$/) v = v * 1000; printf "%.1f", v }' <<<"$1"; }

# Votes, one every 100 ms, each from another client address: "<acknowledged> <tried> <p99 ms>".
writers() {
  local end=$((SECONDS + DURATION)) i=0 times="$OUT/writes.txt"
  : >"$times"
  while [ $SECONDS -lt $end ]; do
    i=$((i + 1))
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST -H 'Content-Type: application/json' \
      -H "X-Forwarded-For: 10.2.$((i / 250 % 250)).$((i % 250 + 1))" -d '{"direction":"up"}' \
      "http://127.0.0.1:5085/api/v1/questions/$((RANDOM % QUESTIONS + 1))/votes" >>"$times" || echo "000 0" >>"$times"
    sleep 0.1
  done
  local ok tried p99
  ok="$(awk '$1 == 204 || $1 == 404 { n++ } END { print n + 0 }' "$times")"
  tried="$(wc -l <"$times")"
  p99="$(awk '{ print $2 * 1000 }' "$times" | sort -n | awk -v n="$tried" 'NR == (int(n * 0.99) > 0 ? int(n * 0.99) : 1) { printf "%.1f", $1 }')"
  echo "$ok $tried $p99"
}

one() { # label, flood (yes|no), edge directory, settings...
  local label="$1" flooded="$2" dir="$3"
  shift 3
  start_edge "$dir" "$@"
  qa_log "$label: warming the hot set, then the flood's code paths (from other addresses: the measured attackers' budgets stay whole)"
  QA_MODE=hot QA_PRODUCTS="$PRODUCTS" wrk -t1 -c8 -d5s -s bench/wrk/abuse.lua http://127.0.0.1:5085 >/dev/null
  QA_MODE=flood QA_ATTACKER_NET=10.8.0 QA_PRODUCTS="$PRODUCTS" wrk -t1 -c4 -d5s -s bench/wrk/abuse.lua http://127.0.0.1:5085 >/dev/null
  qa_log "$label: readers and writers for ${DURATION}s, floods: $flooded"
  if [ "$flooded" = yes ]; then
    QA_MAX_COUNT="${QA_MAX_COUNT:-100}" QA_MODE=flood QA_PRODUCTS="$PRODUCTS" QA_ATTACKERS="$ATTACKERS" wrk -t2 -c32 -d"${DURATION}s" --latency -s bench/wrk/abuse.lua \
      http://127.0.0.1:5085 >"$OUT/flood.txt" 2>&1 &
  else
    sleep "$DURATION" >"$OUT/flood.txt" &
  fi
  local flood=$!
  QA_MODE=hot QA_DELAY_MS=20 QA_PRODUCTS="$PRODUCTS" wrk -t1 -c8 -d"${DURATION}s" --latency -s bench/wrk/abuse.lua http://127.0.0.1:5085 >"$OUT/hot.txt" 2>&1 &
  local hot=$!
  local written
  written="$(writers)"
  wait "$flood" "$hot"
  kill "$edge_pid"
  wait "$edge_pid" 2>/dev/null || true
  cat "$OUT/flood.txt" "$OUT/hot.txt" >>"$OUT/wrk.log"

  local hot_rps hot_p99 hot_status flood_rps flood_status
  hot_rps="$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$OUT/hot.txt")"
  hot_p99="$(ms "$(awk '/^ +99%/ { print $2 }' "$OUT/hot.txt")")"
  hot_status="$(awk '/^statuses/ { split($3, a, "="); split($4, b, "="); split($5, c, "="); print a[2] + b[2] + c[2] }' "$OUT/hot.txt")"
  flood_rps="$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$OUT/flood.txt")"
  flood_status="$(awk '/^statuses/ { print $2, $3, $4 }' "$OUT/flood.txt")"
  [ "$flooded" = yes ] || { flood_rps="-"; flood_status="no flood"; }
  read -r w_ok w_tried w_p99 <<<"$written"
  echo "| $label | $hot_rps | $hot_p99 | $hot_status | $w_ok / $w_tried | $w_p99 | $flood_rps | $flood_status |"
}

echo "| edge | hot reads/s | hot p99 ms | hot errors | writes acknowledged | write p99 ms | flood requests/s | flood answers |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
one "protected, no flood" no "$OUT/edge"
one protected yes "$OUT/edge" "${PROTECTED_SETTINGS[@]}"
one unprotected yes "$OUT/edge" Qa__Protection__MissesPerSecond=0 Qa__Cache__NegativeEntryLimit=0
if [ -n "$BEFORE" ]; then
  one "$BEFORE" yes "$OUT/before"
fi
