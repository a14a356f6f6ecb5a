# Shared by bench/run.sh and bench/hits.sh (sourced after scripts/servers.sh): starting a fresh edge, warming its hot
# set, summarising wrk, and cleaning up. The caller sets EDGE (a published EdgeHost), DB_CS, PRODUCTS, CONNECTIONS and
# OUT.

# Servers up (PostgreSQL, Redis), wrk installed, and what every benchmark runs beside the edge published under
# OUT=.data/bench: the Kestrel limit app and the warm-up probe.
bench_prepare() {
  OUT="$QA_DATA/bench"
  mkdir -p "$OUT"
  command -v wrk >/dev/null || qa_apt_install wrk
  qa_ensure_packages
  qa_start_postgres
  qa_start_redis
  qa_log "Building the limit app and the warm-up probe (Release)"
  dotnet publish bench/QaEdge.Limit/QaEdge.Limit.csproj -c Release -o "$OUT/limit" --nologo -v quiet >/dev/null
  dotnet publish bench/QaEdge.Bench/QaEdge.Bench.csproj -c Release -o "$OUT/probe" --nologo -v quiet >/dev/null
}

# Publishes this tree's edge to $OUT/edge and prints that directory. The edge under test runs from where it was
# published: copying another build over $OUT/edge would not do, as a later publish keeps files newer than its own.
publish_edge() {
  qa_log "Building the edge (Release)" >&2
  dotnet publish src/EdgeHost/EdgeHost.csproj -c Release -o "$OUT/edge" --nologo -v quiet >/dev/null
  echo "$OUT/edge"
}

# Every process the benchmark starts, stopped on exit; and the benchmark's Redis database emptied then, as at every
# edge's start (qa_bench_redis_settings: ./run.sh's edge keeps its entries).
pids=()
bench_cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  qa_bench_redis_empty 2>/dev/null || true
}
trap bench_cleanup EXIT

# A fresh edge (empty Redis) on port $1, logging to $2, with extra settings as NAME=value; sets edge_pid once healthy.
start_edge() {
  local port="$1" log="$2"
  shift 2
  qa_bench_redis_empty
  env ConnectionStrings__Postgres="$DB_CS" $(qa_bench_redis_settings) Logging__LogLevel__Default=Warning "$@" \
    dotnet "$EDGE/EdgeHost.dll" "--Urls=http://127.0.0.1:$port" >"$log" 2>&1 &
  edge_pid=$!
  pids+=("$edge_pid")
  for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 1; done
  echo "the edge on port $port did not start; see $log" >&2
  exit 1
}

# Stops the edge started last.
stop_edge() {
  kill "$edge_pid" 2>/dev/null || true
  wait "$edge_pid" 2>/dev/null || true
}

# Warms the edge on port $1 for the hot scenario: 20 s of misses (the miss path's code is still being compiled by the
# tiered JIT for about that long on two busy cores), then every hot product read once (a fixed-duration warm-up leaves
# cold ones, and "hot" would measure fills), then a few seconds of hot traffic. Needs the probe in $OUT/probe.
warm_hot() {
  local base="http://127.0.0.1:$1"
  QA_MODE=uniform QA_PRODUCTS="$PRODUCTS" wrk -t2 -c"$CONNECTIONS" -d20s -s bench/wrk/qa.lua "$base" >/dev/null
  dotnet "$OUT/probe/QaEdge.Bench.dll" --base "$base" --products 10000 --count 10000 --concurrency 16 >"$OUT/warm.log"
  QA_MODE=hot QA_PRODUCTS="$PRODUCTS" wrk -t2 -c"$CONNECTIONS" -d5s -s bench/wrk/qa.lua "$base" >/dev/null
}

# wrk's output (--latency) on stdin → "rps p50_ms p99_ms non2xx errors"
wrk_summary() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /Requests\/sec/ { rps = $2 } /Non-2xx/ { non2xx = $5 }
    /Socket errors/ { gsub(",", ""); errors = $4 + $6 + $8 + $10 }
    END { printf "%.0f %.2f %.2f %d %d\n", rps, p50, p99, non2xx, errors }'
}

# wrk against $1 in mode $2 (a bench/wrk/qa.lua mode, or "limit" for the constant page) for $DURATION s, its raw output
# appended to $OUT/wrk.log → wrk_summary's line
run_wrk() {
  local raw script=(-s bench/wrk/qa.lua)
  [ "$2" = limit ] && script=()
  raw="$(QA_MODE="$2" QA_PRODUCTS="$PRODUCTS" QA_QUESTIONS="${QUESTIONS:-}" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${script[@]}" "$1")"
  echo "$raw" >>"$OUT/wrk.log"
  wrk_summary <<<"$raw"
}

# The Kestrel limit's figures: 5 s of warm-up, then $DURATION s measured → wrk_summary's line
measure_limit() {
  wrk -t2 -c"$CONNECTIONS" -d5s http://127.0.0.1:5090/page >/dev/null
  run_wrk http://127.0.0.1:5090/page limit
}

# The Kestrel limit (bench/QaEdge.Limit, published in $OUT/limit) on port 5090, until exit.
start_limit() {
  dotnet "$OUT/limit/QaEdge.Limit.dll" --urls http://127.0.0.1:5090 >"$OUT/limit.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 60); do curl -sf http://127.0.0.1:5090/page >/dev/null && return; sleep 1; done
  echo "the limit app did not start; see $OUT/limit.log" >&2
  exit 1
}

# The edge's request-duration histogram of writes (POST), summed over routes, from /metrics at $1 → "le count" lines
# (cumulative counts, as Prometheus gives them; le +Inf last).
write_buckets() {
  curl -sf "$1/metrics" | awk '
    /^http_server_request_duration_seconds_bucket\{/ && /http_request_method="POST"/ {
      match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5)
      rest = $0; sub(/.*\} /, "", rest); split(rest, value, " "); n[le] += value[1] # after the labels (routes hold braces)
    }
    END { for (le in n) print le, n[le] }' | sort -g
}

# The writes' p99 between two write_buckets snapshots (files $1 and $2), in ms: the upper bound of the histogram bucket
# holding it ("inf" past the last bound), then the number of writes. → "p99_ms writes"
write_p99() {
  awk 'FILENAME == ARGV[1] { before[$1] = $2; next } # (the first snapshot is empty before any write)
       { le[++k] = $1; n[k] = $2 - before[$1] }
       END {
         total = n[k]; for (i = 1; i <= k; i++) if (n[i] >= 0.99 * total) break
         printf "%s %d\n", (le[i] == "+Inf" ? "inf" : le[i] * 1000), total
       }' "$1" "$2"
}

# How long the edge's garbage collector has stopped it so far, in seconds, from /metrics at $1 (the runtime's own meter)
gc_pause_seconds() {
  curl -sf "$1/metrics" | awk '/^dotnet_gc_pause_time_seconds_total\{/ { p = $NF } END { print p + 0 }'
}

# stat [median|min|max|sum] FORMAT: that statistic of the numbers on stdin
stat() {
  sort -g | awk -v f="$1" -v fmt="$2" '
    { v[NR] = $1; s += $1 }
    END {
      if (f == "min") x = v[1]; else if (f == "max") x = v[NR]; else if (f == "sum") x = s
      else if (NR % 2) x = v[(NR + 1) / 2]; else x = (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf fmt "\n", x
    }'
}
