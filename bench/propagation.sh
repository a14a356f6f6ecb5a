#!/usr/bin/env bash
# How fast what one node writes shows on the others, and webhooks reach their receiver, under read load (issue "What
# the best Q&A platforms have"): three edges over one PostgreSQL and one Redis (scripts/servers.sh), each read by wrk
# (zipf over the products, 1 thread x 4 connections per node), while bench/QaEdge.Propagation, also the fleet's webhook
# endpoint, asks, reports, approves and votes on the first node and polls the others. It prints approve-to-visible and
# vote-to-visible on every other node and the webhook lag (p50, p99, max), and what the read load got.
#   bench/propagation.sh [--products N] [--samples S]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/servers.sh

PRODUCTS=100000
SAMPLES=300
while [ $# -gt 0 ]; do
  case "$1" in
    --products) PRODUCTS="$2"; shift 2 ;;
    --samples) SAMPLES="$2"; shift 2 ;;
    *) echo "usage: bench/propagation.sh [--products N] [--samples S]" >&2; exit 64 ;;
  esac
done

DB=qa_abuse # the data set bench/abuse.sh uses: seeded once
OUT="$QA_DATA/propagation"
NODES=(5091 5092 5093)
RECEIVER=5099
KEY="propagation-moderator-key-0123"
SECRET="propagation-webhook-secret-0123"
mkdir -p "$OUT"
command -v wrk >/dev/null || qa_apt_install wrk
qa_ensure_packages
qa_start_postgres
qa_start_redis
qa_log "Building the edge and the probe (Release)"
dotnet publish src/EdgeHost/EdgeHost.csproj -c Release -o "$OUT/edge" --nologo -v quiet >/dev/null
dotnet publish bench/QaEdge.Propagation/QaEdge.Propagation.csproj -c Release -o "$OUT/probe" --nologo -v quiet >/dev/null
qa_bench_dataset "$DB" "$PRODUCTS" "$OUT/edge"
qa_bench_redis_empty

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

urls=()
for port in "${NODES[@]}"; do
  env ConnectionStrings__Postgres="$DB_CS" $(qa_bench_redis_settings) Logging__LogLevel__Default=Warning \
    Qa__Moderation__ModeratorKey="$KEY" Qa__Protection__WritesPerMinute=1000000 Qa__Protection__MissesPerSecond=0 \
    Qa__Webhooks__Endpoints__0__Url="http://127.0.0.1:$RECEIVER/hooks" Qa__Webhooks__Endpoints__0__Secret="$SECRET" \
    Qa__Webhooks__Endpoints__0__Events__0=question.created Qa__Webhooks__Endpoints__0__Events__1=item.reported \
    Qa__Webhooks__Endpoints__0__Events__2=item.approved \
    dotnet "$OUT/edge/EdgeHost.dll" --Urls="http://127.0.0.1:$port" >"$OUT/edge-$port.log" 2>&1 &
  pids+=($!)
  urls+=("http://127.0.0.1:$port")
done
for port in "${NODES[@]}"; do
  for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
done

qa_log "Read load: wrk, zipf over $PRODUCTS products, 1 thread x 4 connections on each of ${#NODES[@]} nodes"
loads=()
for port in "${NODES[@]}"; do
  QA_MODE=zipf QA_PRODUCTS="$PRODUCTS" wrk -t1 -c4 -d600s --latency -s bench/wrk/qa.lua "http://127.0.0.1:$port" >"$OUT/wrk-$port.txt" 2>&1 &
  loads+=($!)
  pids+=($!)
done
sleep 5

qa_log "Probing: $SAMPLES samples (approve and vote on ${urls[0]}, polled on the others)"
status=0
dotnet "$OUT/probe/QaEdge.Propagation.dll" --urls "http://127.0.0.1:$RECEIVER" --nodes "$(IFS=,; echo "${urls[*]}")" \
  --products "$PRODUCTS" --samples "$SAMPLES" --moderatorKey "$KEY" --secret "$SECRET" || status=$?
for port in "${NODES[@]}"; do
  curl -s "http://127.0.0.1:$port/metrics" | grep -E '^qa_webhooks_(deliveries_total|leader)' | sed "s/^/node $port: /" || true
done
kill -INT "${loads[@]}" 2>/dev/null || true # wrk prints its figures on SIGINT
wait "${loads[@]}" 2>/dev/null || true
cleanup
for port in "${NODES[@]}"; do
  echo "read load on node $port: $(grep -E 'Requests/sec' "$OUT/wrk-$port.txt" | awk '{print $2}') req/s, p99 $(grep -E '^ +99%' "$OUT/wrk-$port.txt" | awk '{print $2}')"
done
exit "$status"
