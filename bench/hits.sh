#!/usr/bin/env bash
# Hits against the machine's limit, for a before and after in one run:
#   bench/hits.sh [--products N] [--duration S] [--connections C] [--rounds R] [EDGE_DIR...]
# Each round measures the Kestrel limit (constant bytes of a page's size, bench/QaEdge.Limit), then each edge in turn
# (a published EdgeHost directory; none given: this tree's, published to .data/bench/edge), fresh and warmed as in
# bench/run.sh, under the hot scenario (zipf over the 10,000 most popular products, every read an L1 hit). Rounds
# alternate the edges, so a drift of the machine touches all of them alike. Prints each round and then, per edge, the
# median req/s, p99 and ratio to the same round's limit. The data set is database qa_hits (--products, default
# 100,000: hits do not depend on the set's size), seeded when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/servers.sh
source bench/lib/edge.sh

PRODUCTS=100000
DURATION=15
CONNECTIONS=64
ROUNDS=3
EDGES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --products) PRODUCTS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    -*) echo "usage: bench/hits.sh [--products N] [--duration S] [--connections C] [--rounds R] [EDGE_DIR...]" >&2; exit 64 ;;
    *) EDGES+=("$(cd "$1" && pwd)"); shift ;;
  esac
done

OUT="$QA_DATA/bench"
mkdir -p "$OUT"
command -v wrk >/dev/null || qa_apt_install wrk
qa_ensure_packages
qa_start_postgres
qa_start_redis

qa_log "Building the limit app and the warm-up probe (Release)"
if [ "${#EDGES[@]}" = 0 ]; then
  dotnet publish src/EdgeHost/EdgeHost.csproj -c Release -o "$OUT/edge" --nologo -v quiet >/dev/null
  EDGES=("$OUT/edge")
fi
dotnet publish bench/QaEdge.Limit/QaEdge.Limit.csproj -c Release -o "$OUT/limit" --nologo -v quiet >/dev/null
dotnet publish bench/QaEdge.Bench/QaEdge.Bench.csproj -c Release -o "$OUT/probe" --nologo -v quiet >/dev/null
qa_bench_dataset qa_hits "$PRODUCTS" "${EDGES[0]}"

start_limit

RESULTS="$OUT/hits.txt" # "round name rps p50 p99 non2xx errors"
: >"$RESULTS"
for round in $(seq "$ROUNDS"); do
  wrk -t2 -c"$CONNECTIONS" -d5s http://127.0.0.1:5090/page >/dev/null
  echo "$round kestrel $(run_wrk http://127.0.0.1:5090/page limit)" >>"$RESULTS"
  for i in "${!EDGES[@]}"; do
    EDGE="${EDGES[$i]}"
    qa_log "Round $round of $ROUNDS: edge $((i + 1)) (${EDGE})"
    start_edge 5080 "$OUT/edge-hits.log" Qa__Protection__MissesPerSecond=0
    warm_hot 5080
    echo "$round edge$((i + 1)) $(run_wrk http://127.0.0.1:5080 hot)" >>"$RESULTS"
    stop_edge
  done
done

echo "round name req/s p50_ms p99_ms non2xx errors"
cat "$RESULTS"
echo
echo "median over $ROUNDS rounds (wrk -t2 -c$CONNECTIONS -d${DURATION}s, $PRODUCTS products):"
awk '
  { rps[$2, $1] = $3; p99[$2, $1] = $5; names[$2] = 1; rounds[$1] = 1 }
  function median(list, n,   i, j, t) {
    for (i = 2; i <= n; i++) for (j = i; j > 1 && list[j - 1] > list[j]; j--) { t = list[j]; list[j] = list[j - 1]; list[j - 1] = t }
    return n % 2 ? list[(n + 1) / 2] : (list[n / 2] + list[n / 2 + 1]) / 2
  }
  END {
    for (name in names) {
      n = 0
      for (r in rounds) { n++; a[n] = rps[name, r]; b[n] = p99[name, r]; c[n] = rps[name, r] / rps["kestrel", r] }
      printf "%-8s %8.0f req/s  p99 %6.2f ms  %.2f x Kestrel\n", name, median(a, n), median(b, n), median(c, n)
    }
  }' "$RESULTS" | sort
