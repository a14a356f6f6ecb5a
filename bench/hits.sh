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

bench_prepare

[ "${#EDGES[@]}" -gt 0 ] || EDGES=("$(publish_edge)")
qa_bench_dataset qa_hits "$PRODUCTS" "${EDGES[0]}"

start_limit

RESULTS="$OUT/hits.txt" # "round name rps p50 p99 non2xx errors"
: >"$RESULTS"
for round in $(seq "$ROUNDS"); do
  echo "$round kestrel $(measure_limit)" >>"$RESULTS"
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
names="kestrel $(seq -f 'edge%g' -s ' ' "${#EDGES[@]}")"
of() { awk -v n="$name" -v c="$1" '$2 == n { print $c }' "$RESULTS"; } # column $1 of $name's rounds
for name in $names; do
  ratio="$(awk -v n="$name" '$2 == n { a[$1] = $3 } $2 == "kestrel" { b[$1] = $3 } END { for (r in a) print a[r] / b[r] }' "$RESULTS" | stat median %.2f)"
  printf "%-8s %8s req/s  p99 %6s ms  %s x Kestrel\n" "$name" "$(of 3 | stat median %.0f)" "$(of 5 | stat median %.2f)" "$ratio"
done
