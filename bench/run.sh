#!/usr/bin/env bash
# The benchmark suite (issue "Performance at full scale"). On this machine, against the full data set:
#   bench/run.sh [--products N] [--duration S] [--connections C] [--runs R] [--steady S] [--steady-only] [--edge DIR]
# 1. PostgreSQL and Redis under .data/ (scripts/servers.sh); the data set in database qa_full (seeded with
#    `EdgeHost seed` when missing: 10,000,000 products take ~4 minutes).
# 2. The edge in Release, warmed, driven by wrk (bench/wrk/qa.lua) per scenario: hot, zipf, uniform, mixed, legacy;
#    and, from the edge's /metrics, how long its garbage collector stopped it during each scenario.
# 3. In the same run, the machine's limits: Kestrel answering constant bytes of a page's size (bench/QaEdge.Limit),
#    and pgbench running the miss statement as it was before the read model of migration 0009
#    (bench/pgbench/baseline-page.sql) with zipf and uniform ids; and, for comparison, pgbench running today's miss
#    statement (bench/pgbench/page.sql).
# 4. Steps 2-3 --runs times (default 3), each with a fresh edge; then a memory run, and the steady state: a fresh edge
#    and an empty Redis under zipf reads for --steady seconds (default 300), with the share of misses minute by minute.
#    --steady-only runs that alone and prints it; --edge DIR benchmarks the edge published in DIR (another commit's,
#    for a before and after) instead of this tree's.
# 5. One table with each scenario's median figures and median ratio to its limit (each run's ratio against that run's
#    limit), printed and appended to docs/benchmarks.md; every run's own figures go below it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/servers.sh
source bench/lib/edge.sh

PRODUCTS=10000000
DURATION=15
CONNECTIONS=64
RUNS=3
STEADY=300
STEADY_ONLY=0
EDGE=
while [ $# -gt 0 ]; do
  case "$1" in
    --products) PRODUCTS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --steady) STEADY="$2"; shift 2 ;;
    --steady-only) STEADY_ONLY=1; shift ;;
    --edge) EDGE="$(cd "$2" && pwd)"; shift 2 ;;
    *) echo "usage: bench/run.sh [--products N] [--duration S] [--connections C] [--runs R] [--steady S] [--steady-only] [--edge DIR]" >&2; exit 64 ;;
  esac
done

DB=qa_full
bench_prepare
PSQL=("$(qa_pg_bin)/psql" -h 127.0.0.1 -p "$QA_PG_PORT" -U qa -qtA)

[ -n "$EDGE" ] || EDGE="$(publish_edge)"

qa_bench_dataset "$DB" "$PRODUCTS" "$EDGE" # seeds 10,000,000 products in ~4 minutes when missing
QUESTIONS="$("${PSQL[@]}" -d "$DB" -c "SELECT max(id) FROM questions")"

# Both the edge and pgbench read from a warm database: the read path's relations in the OS page cache, its indexes in
# shared buffers. (Without this the first scenario measures the disk, and the order of the runs decides the ratios.)
qa_log "Warming PostgreSQL (pg_prewarm)"
PG_DB=("$(qa_pg_bin)/psql" -h 127.0.0.1 -p "$QA_PG_PORT" -U postgres -d "$DB" -qtA)
"${PG_DB[@]}" -c "CREATE EXTENSION IF NOT EXISTS pg_prewarm" >/dev/null
"${PG_DB[@]}" -c "SELECT sum(pg_prewarm(r, 'read')) FROM unnest(ARRAY['products', 'questions', 'answers']::regclass[]) r" >/dev/null
"${PG_DB[@]}" -c "SELECT sum(pg_prewarm(r)) FROM unnest(ARRAY['products_pkey', 'questions_by_product_helpful', 'answers_by_question_helpful']::regclass[]) r" >/dev/null


start_limit

run_pgbench() { # statement file, random expression
  { echo "\\set pid $2"; cat "$1"; } >"$OUT/page.sql"
  "$(qa_pg_bin)/pgbench" -h 127.0.0.1 -p "$QA_PG_PORT" -U qa -n -M prepared -c "$CONNECTIONS" -j 2 -T "$DURATION" -f "$OUT/page.sql" "$DB" 2>/dev/null \
    | awk '/^tps/ { printf "%.0f\n", $3 }'
}

# Read-your-writes, spot-checked after the mixed run: ask a question on a product whose page is cached, then read the
# page at once; the new question must be on it. → "seen tried"
spot_check() {
  local seen=0 tried=20 id
  for i in $(seq "$tried"); do
    id=$(( (RANDOM * 32768 + RANDOM) % 10000 + 1 ))
    curl -sf "http://127.0.0.1:5080/api/v1/products/$id/questions?sort=newest&count=1" >/dev/null || continue
    curl -sf -X POST -H 'Content-Type: application/json' "http://127.0.0.1:5080/api/v1/products/$id/questions" \
      -d "{\"body\":\"spot check $i $$\",\"askerName\":\"bench\",\"askerEmail\":\"bench@example.com\"}" >/dev/null || continue
    curl -sf "http://127.0.0.1:5080/api/v1/products/$id/questions?sort=newest&count=1" | grep -q "spot check $i $$" && seen=$((seen + 1))
  done
  echo "$seen $tried"
}

# Memory: RSS of the edge, sampled every second through a 60 s uniform run with L1 limited to 1 GiB. → "max_mib rps"
memory_run() {
  local edge_pid="$1" max=0 rss rps
  QA_MODE=uniform QA_PRODUCTS="$PRODUCTS" wrk -t2 -c"$CONNECTIONS" -d60s -s bench/wrk/qa.lua http://127.0.0.1:5081 >"$OUT/memory.log" &
  local wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    rss="$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$edge_pid/status")"
    [ "$rss" -gt "$max" ] && max="$rss"
    sleep 1
  done
  rps="$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$OUT/memory.log")"
  echo "$max $rps"
}

# The steady state: zipf reads for $STEADY s on a fresh edge (port 5082) over an empty Redis, the node's totals
# (/admin/cache) read every minute. → $OUT/steady.txt: one line per minute, "minute req/s miss-share
# source-reads-per-request", then "wrk rps p50 p99 non2xx errors".
ADMIN_KEY=bench-admin-key-0123456789
steady_run() {
  local port=5082 minutes=$(( STEADY / 60 )) previous current
  qa_log "Steady state: a fresh edge over an empty Redis, $STEADY s of zipf reads"
  start_edge "$port" "$OUT/edge-steady.log" Qa__Admin__ApiKey="$ADMIN_KEY" Qa__Protection__MissesPerSecond=0
  totals() { # → "requests misses source-reads"
    curl -sf -H "X-Api-Key: $ADMIN_KEY" "http://127.0.0.1:$port/admin/cache" | grep -o '"\(requests\|fills\)\.[a-z0-9-]*":[0-9]*' | tr -d '"' \
      | awk -F: '$1 ~ /^requests\./ { r += $2 } $1 == "requests.miss" { m = $2 } $1 == "fills.ok" || $1 == "fills.not-found" { s += $2 }
                 END { printf "%d %d %d\n", r, m, s }'
  }
  QA_MODE=zipf QA_PRODUCTS="$PRODUCTS" wrk -t2 -c"$CONNECTIONS" -d"$(( STEADY + 5 ))s" --latency -s bench/wrk/qa.lua "http://127.0.0.1:$port" >"$OUT/steady.log" &
  local wrk_pid=$!
  previous="$(totals)"
  for minute in $(seq "$minutes"); do
    sleep 60
    current="$(totals)"
    awk -v m="$minute" -v a="$previous" -v b="$current" 'BEGIN {
        split(a, x, " "); split(b, y, " "); r = y[1] - x[1]
        printf "%d %.0f %.4f %.4f\n", m, r / 60, (y[2] - x[2]) / (r ? r : 1), (y[3] - x[3]) / (r ? r : 1) }'
    previous="$current"
  done >"$OUT/steady.txt"
  wait "$wrk_pid"
  echo "wrk $(wrk_summary <"$OUT/steady.log")" >>"$OUT/steady.txt"
  stop_edge
}

# The steady run's minutes beside the first-visit floor: "minute req/s miss-share source-reads-per-request floor".
steady_minutes() {
  grep -v '^wrk' "$OUT/steady.txt" | awk -v n="$PRODUCTS" -f bench/awk/zipf-first-visits.awk | join <(grep -v '^wrk' "$OUT/steady.txt") -
}

if [ "$STEADY_ONLY" = 1 ]; then
  steady_run
  echo "minute req/s misses source-reads-per-read first-visits"
  steady_minutes
  grep '^wrk' "$OUT/steady.txt"
  exit 0
fi

# Every figure of every run, one per line: "run name rps p50 p99 non2xx errors" ("-" where none applies), and for the
# edge's scenarios an eighth field: the ms per second the garbage collector stopped the edge.
RESULTS="$OUT/runs.txt"
: >"$RESULTS"

# Each scenario's limit (a name in $RESULTS; its ratio is against that run's limit) and target.
declare -A LIMIT_OF=([hot]=kestrel [zipf]=pgbench-zipf [uniform]=pgbench-uniform [legacy]=pgbench-zipf)
declare -A TARGET_OF=([hot]="≥ 0.9 x Kestrel, p99 ≤ 5 ms" [zipf]="≥ 3 x pgbench (zipf), p99 ≤ 50 ms"
  [uniform]="≥ 2 x pgbench (uniform), p99 ≤ 50 ms" [mixed]="no errors, read-your-writes 100%, p99 ≤ 50 ms, writes' p99 ≤ 50 ms" [legacy]="-")

# One run: a fresh edge; the limits first (measured after the warm-up, they would put 45 s between warming the hot
# products and reading them, and the hot entries, TTL 60 s, would all expire together during the hot run, which would
# then measure their background refreshes against PostgreSQL instead of L1 hits); then the warm-up and the scenarios.
one_run() {
  local run="$1" seen tried
  start_edge 5080 "$OUT/edge.log" Qa__Protection__WritesPerMinute=1000000 Qa__Protection__MissesPerSecond=0
  [ -n "${PAGE_BYTES:-}" ] || PAGE_BYTES="$(curl -s http://127.0.0.1:5080/api/v1/products/1/questions?count=5 | wc -c)"

  qa_log "Run $run of $RUNS: limits"
  echo "$run kestrel $(measure_limit)" >>"$RESULTS"
  echo "$run pgbench-zipf $(run_pgbench bench/pgbench/baseline-page.sql "random_zipfian(1, $PRODUCTS, 1.001)") - - 0 0" >>"$RESULTS"
  echo "$run pgbench-uniform $(run_pgbench bench/pgbench/baseline-page.sql "random(1, $PRODUCTS)") - - 0 0" >>"$RESULTS"
  echo "$run pgbench-now-zipf $(run_pgbench bench/pgbench/page.sql "random_zipfian(1, $PRODUCTS, 1.001)") - - 0 0" >>"$RESULTS"
  echo "$run pgbench-now-uniform $(run_pgbench bench/pgbench/page.sql "random(1, $PRODUCTS)") - - 0 0" >>"$RESULTS"

  qa_log "Run $run of $RUNS: warming up (20 s of misses, then each of the 10,000 hot products once)"
  warm_hot 5080

  for scenario in hot zipf uniform mixed legacy; do
    qa_log "Run $run of $RUNS: $scenario (from $(date -u +%H:%M:%S) UTC, to set against the servers' logs)"
    [ "$scenario" = mixed ] && write_buckets http://127.0.0.1:5080 >"$OUT/writes-before.txt"
    gc_before="$(gc_pause_seconds http://127.0.0.1:5080)"
    figures="$(run_wrk http://127.0.0.1:5080 "$scenario")"
    # Every request in flight waits while the GC stops the edge: its share of the run (ms per s), beside the run's tail.
    gc_ms_per_s="$(awk -v a="$gc_before" -v b="$(gc_pause_seconds http://127.0.0.1:5080)" -v s="$DURATION" 'BEGIN { printf "%.0f", (b - a) * 1000 / s }')"
    echo "$run $scenario $figures $gc_ms_per_s" >>"$RESULTS"
    if [ "$scenario" = mixed ]; then
      # The writes' own p99, from the edge's request-duration histogram over the run (wrk reports reads and writes together).
      write_buckets http://127.0.0.1:5080 >"$OUT/writes-after.txt"
      read -r writes_p99 writes < <(write_p99 "$OUT/writes-before.txt" "$OUT/writes-after.txt")
      echo "$run mixed-writes $writes - $writes_p99 0 0" >>"$RESULTS"
      read -r seen tried < <(spot_check)
      echo "$run spot-check $seen $tried - 0 0" >>"$RESULTS"
    fi
  done
  stop_edge
}

for run in $(seq "$RUNS"); do one_run "$run"; done

qa_log "Memory: a fresh edge with Qa:Cache:L1SizeLimitMegabytes=1024, 60 s of uniform misses"
start_edge 5081 "$OUT/edge-memory.log" Qa__Cache__L1SizeLimitMegabytes=1024
read -r memory_mib memory_rps < <(memory_run "$edge_pid")
stop_edge

steady_run

# figure NAME COLUMN [STAT]: a statistic of one column of NAME's lines over the runs (req/s and sums as integers,
# latencies with two decimals)
figure() {
  local format=%.2f
  [ "$2" = 3 ] || [ "${3:-}" = sum ] && format=%.0f
  awk -v n="$1" -v c="$2" '$2 == n { print $c }' "$RESULTS" | stat "${3:-median}" "$format"
}

# ratio SCENARIO [STAT]: a statistic of the scenario's req/s over its limit's, run by run
ratio() {
  awk -v s="$1" -v l="${LIMIT_OF[$1]}" '$2 == s { a[$1] = $3 } $2 == l { b[$1] = $3 } END { for (r in a) print a[r] / b[r] }' "$RESULTS" \
    | stat "${2:-median}" %.2f
}

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
table="$OUT/table.md"
{
  echo "### $(date -u +%Y-%m-%d) — commit $commit — $PRODUCTS products, wrk -t2 -c$CONNECTIONS -d${DURATION}s, median of $RUNS runs"
  echo
  echo "Limits, medians of the same runs: Kestrel constant ${PAGE_BYTES}-byte page $(figure kestrel 3) req/s" \
    "($(figure kestrel 3 min)-$(figure kestrel 3 max); p50 $(figure kestrel 4) ms, p99 $(figure kestrel 5) ms);"
  echo "pgbench, the miss statement before the read model (bench/pgbench/baseline-page.sql), $CONNECTIONS clients:" \
    "$(figure pgbench-zipf 3) tps zipf ids ($(figure pgbench-zipf 3 min)-$(figure pgbench-zipf 3 max))," \
    "$(figure pgbench-uniform 3) tps uniform ids ($(figure pgbench-uniform 3 min)-$(figure pgbench-uniform 3 max));"
  echo "today's miss statement (bench/pgbench/page.sql): $(figure pgbench-now-zipf 3) tps zipf ids" \
    "($(figure pgbench-now-zipf 3 min)-$(figure pgbench-now-zipf 3 max)), $(figure pgbench-now-uniform 3) tps uniform ids" \
    "($(figure pgbench-now-uniform 3 min)-$(figure pgbench-now-uniform 3 max))."
  echo
  echo "| scenario | req/s | p50 ms | p99 ms | non-2xx (all runs) | errors (all runs) | ratio, median (min-max) | target |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"
  for scenario in hot zipf uniform mixed legacy; do
    case "${LIMIT_OF[$scenario]:-}" in
      "") ratio="read-your-writes $(figure spot-check 3 sum)/$(figure spot-check 4 sum); writes' p99 ≤ $(awk '$2 == "mixed-writes" { print $5 }' "$RESULTS" | paste -sd/) ms (bucket bound, each run)" ;;
      kestrel) ratio="$(ratio "$scenario") x Kestrel ($(ratio "$scenario" min)-$(ratio "$scenario" max))" ;;
      *) ratio="$(ratio "$scenario") x pgbench ($(ratio "$scenario" min)-$(ratio "$scenario" max))" ;;
    esac
    echo "| $scenario | $(figure "$scenario" 3) | $(figure "$scenario" 4) | $(figure "$scenario" 5) | $(figure "$scenario" 6 sum) | $(figure "$scenario" 7 sum) | $ratio | ${TARGET_OF[$scenario]} |"
  done
  echo
  echo "Each run (req/s; p99 ms; for the edge's scenarios, ms per second its garbage collector stopped it):"
  echo
  echo "| run | Kestrel | pgbench zipf (before; now) | pgbench uniform (before; now) | hot | zipf | uniform | mixed | legacy |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for run in $(seq "$RUNS"); do
    awk -v r="$run" '
      $1 == r { rps[$2] = $3; p99[$2] = $5; gc[$2] = $8 }
      END {
        printf "| %s | %s | %s; %s | %s; %s", r, rps["kestrel"], rps["pgbench-zipf"], rps["pgbench-now-zipf"], rps["pgbench-uniform"], rps["pgbench-now-uniform"]
        n = split("hot zipf uniform mixed legacy", s, " ")
        for (i = 1; i <= n; i++) printf " | %s; %s; %s", rps[s[i]], p99[s[i]], gc[s[i]]
        print " |"
      }' "$RESULTS"
  done
  echo
  echo "Memory: peak RSS $memory_mib MiB through 60 s of uniform misses ($memory_rps req/s) with L1 limited to 1 GiB (target ≤ 1,836 MiB: 1.5 x L1 + 300 MiB)."
  echo
  read -r _ steady_rps steady_p50 steady_p99 steady_non2xx steady_errors < <(grep '^wrk' "$OUT/steady.txt")
  echo "Steady state: zipf over $PRODUCTS products for $STEADY s from an empty Redis, one edge (L1 256 MB): $steady_rps req/s," \
    "p50 $steady_p50 ms, p99 $steady_p99 ms, $steady_non2xx non-2xx, $steady_errors errors. Minute by minute" \
    "(target: the last minute's miss share under half the first's):"
  echo
  echo "| minute | req/s | misses (share of reads) | source reads per read | first visits (a cache keeping everything would miss these) |"
  echo "| ---: | ---: | ---: | ---: | ---: |"
  steady_minutes | awk '{ printf "| %d | %d | %.1f %% | %.3f | %.1f %% |\n", $1, $2, $3 * 100, $4, $5 * 100 }'
  echo
} >"$table"
cat "$table"
[ -f docs/benchmarks.md ] || printf '# Benchmarks\n\nRuns of `bench/run.sh`, newest last: medians of --runs runs on one machine, with every run'"'"'s figures.\n\n' >docs/benchmarks.md
cat "$table" >>docs/benchmarks.md
