#!/usr/bin/env bash
# The fleet's fault matrix, as one table: tests/EdgeHost.Tests/Fleet/FleetFaultTests builds the fleet of
# `./run.sh fleet` from real processes on loopback (nginx with deploy/nginx/qaedge-fleet.conf, three nodes, a Redis
# Cluster of three masters with a replica each, a PostgreSQL primary with a streaming replica), puts a steady read and
# write load through the balancer, injects each fault, and counts what clients saw and what the database kept.
#   bench/faults.sh [--runs N]      (default 1; each run is a fresh fleet)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/servers.sh
runs=1
if [ "${1:-}" = --runs ]; then runs="$2"; fi

qa_ensure_fleet_packages
dotnet build tests/EdgeHost.Tests -c Release --nologo -v quiet >/dev/null
report="$(mktemp)"
status=0
for run in $(seq "$runs"); do
  qa_log "Fault matrix, run $run of $runs"
  QA_FAULT_REPORT="$report" dotnet test tests/EdgeHost.Tests -c Release --no-build --nologo -v quiet \
    --filter "FullyQualifiedName~FleetFaultTests" --logger "console;verbosity=minimal" >&2 || status=1
done

echo "| fault | reads | read errors | writes acknowledged | writes refused (503) | writes unknown | votes found | writes recovered after |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
sort "$report"
rm -f "$report"
exit "$status"
