#!/usr/bin/env bash
# Routing by product (nginx `hash ... consistent`) against routing at random (`random two least_conn`) on the fleet of
# `./run.sh fleet`: three nodes behind nginx, with an L1 small enough that its size matters (QA_L1_MB per node), zipf
# reads over the demo products through the balancer. Prints, per run, throughput, p99 and the nodes' L1 hit ratio.
#   bench/fleet-routing.sh [--runs N] [--seconds S]      (defaults 2 and 20; the routings alternate)
# Uses its own nginx and nodes (:5090, :5091-:5093) beside a running ./run.sh fleet, or starts the servers it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/servers.sh
runs=2 seconds=20
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    *) echo "usage: bench/fleet-routing.sh [--runs N] [--seconds S]" >&2; exit 64 ;;
  esac
done
l1_mb="${QA_L1_MB:-8}"

qa_ensure_fleet_packages
command -v wrk >/dev/null || qa_apt_install wrk
qa_start_postgres
qa_enable_replication
qa_start_pg_replica
qa_start_redis_cluster
qa_fleet_connection_strings
[ -f "$QA_DATA/build/EdgeHost.dll" ] || dotnet publish src/EdgeHost/EdgeHost.csproj -c Release -o "$QA_DATA/build" --nologo -v quiet >/dev/null
products="$("$(qa_pg_bin)/psql" -h 127.0.0.1 -p "$QA_PG_PORT" -U qa -d qa -qtAc "SELECT count(*) FROM products")"
[ "$products" -gt 0 ] || { echo "No products: run ./run.sh fleet (or ./run.sh seed) first." >&2; exit 1; }

export QA_LB_PORT=5090 QA_FLEET_PORTS="5091 5092 5093"
pids=()
stop_nodes() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done; pids=(); }
trap 'stop_nodes; qa_stop_lb' EXIT

# The sum over the nodes of qa_cache_requests_total for one outcome.
requests() {
  local port total=0 n
  for port in $QA_FLEET_PORTS; do
    n="$(curl -fs "http://127.0.0.1:$port/metrics" | awk -v o="outcome=\"$1\"" 'index($0, "qa_cache_requests_total{") == 1 && index($0, o) { s += $NF } END { printf "%d", s }')"
    total=$((total + n))
  done
  echo "$total"
}

echo "| run | routing | requests/s | p99 ms | L1 hit ratio | L2 hits | misses |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for run in $(seq "$runs"); do
  for routing in hash random; do
    for port in $QA_FLEET_PORTS; do
      Qa__Cache__L1SizeLimitMegabytes="$l1_mb" Qa__Protection__KnownProxies__0=127.0.0.1 Qa__Protection__MissesPerSecond=0 \
        dotnet "$QA_DATA/build/EdgeHost.dll" --Urls="http://127.0.0.1:$port" --Logging:LogLevel:Default=Warning >/dev/null 2>&1 &
      pids+=($!)
    done
    for port in $QA_FLEET_PORTS; do
      for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
    done
    QA_FLEET_ROUTING="$routing" qa_start_lb 2>/dev/null
    QA_MODE=zipf QA_PRODUCTS="$products" wrk -t1 -c32 -d10s -s bench/wrk/qa.lua "http://127.0.0.1:$QA_LB_PORT" >/dev/null
    l1=$(requests hit-l1) l2=$(requests hit-l2) miss=$(requests miss)
    out="$(QA_MODE=zipf QA_PRODUCTS="$products" wrk -t1 -c32 -d"${seconds}s" --latency -s bench/wrk/qa.lua "http://127.0.0.1:$QA_LB_PORT")"
    l1=$(( $(requests hit-l1) - l1 )) l2=$(( $(requests hit-l2) - l2 )) miss=$(( $(requests miss) - miss ))
    rps="$(awk '/Requests\/sec/ { printf "%d", $2 }' <<<"$out")"
    p99="$(awk '$1 == "99%" { v = $2; if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.1f", v }' <<<"$out")"
    ratio="$(awk -v a="$l1" -v b="$l2" -v c="$miss" 'BEGIN { printf "%.3f", (a + b + c) ? a / (a + b + c) : 0 }')"
    echo "| $run | $routing | $rps | $p99 | $ratio | $l2 | $miss |"
    qa_stop_lb
    stop_nodes
  done
done
