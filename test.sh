#!/usr/bin/env bash
# Builds QaEdge and runs every test project. The functional tests talk to a real PostgreSQL and a real Redis, which
# the test fixtures start on free loopback ports (or take from QA_TEST_POSTGRES / QA_TEST_REDIS); this script makes
# sure their binaries are installed. With QA_TEST_DOCKER=1 (as CI runs it) every Redis is a container started by
# Testcontainers: this script then starts a Docker engine (scripts/docker.sh) and builds the Redis image, and fails
# rather than fall back when it cannot. It ends with one line, "N passed, N failed", and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
source scripts/servers.sh

# nginx too: the fleet tests put it in front of their nodes, as ./run.sh fleet does; and systemd-analyze, which
# checks deploy/systemd/qaedge.service.
qa_ensure_fleet_packages || { echo "0 passed, 1 failed"; exit 1; }
command -v systemd-analyze >/dev/null || qa_apt_install systemd || { echo "0 passed, 1 failed"; exit 1; }
# The browser tests: Debian's Chromium and its driver (the browser reaches loopback only).
command -v chromedriver >/dev/null || qa_apt_install chromium chromium-driver || { echo "0 passed, 1 failed"; exit 1; }
# promtool (Debian's prometheus package) checks and unit-tests the alert rules in deploy/monitoring.
command -v promtool >/dev/null || qa_apt_install prometheus || { echo "0 passed, 1 failed"; exit 1; }

if [ "${QA_TEST_DOCKER:-0}" = 1 ]; then
  source scripts/docker.sh
  trap qa_stop_docker EXIT
  if ! qa_start_docker || ! qa_build_redis_image; then
    echo "QA_TEST_DOCKER=1 asks for Redis in Docker, and no engine could run it (see above); unset it to use redis-server processes." >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  qa_log "Redis for the tests: containers of $QA_TEST_REDIS_IMAGE (Testcontainers, host networking)"
fi

results="$QA_DATA/test-results"
rm -rf "$results"
mkdir -p "$results"

qa_log "Building"
if ! dotnet build QaEdge.sln -c Release --nologo -v quiet; then
  echo "0 passed, 1 failed"
  exit 1
fi

# Pack what would be published into nuget/, so the consumer test restores exactly that.
qa_log "Packing into nuget/"
rm -f nuget/*.nupkg nuget/*.snupkg
rm -rf "$QA_DATA/consumer-packages"
if ! dotnet pack src/Shazamazon.QA.Contracts -c Release --no-build --nologo -v quiet \
   || ! dotnet pack src/Shazamazon.QA.Client -c Release --no-build --nologo -v quiet \
   || ! dotnet build tests/Shazamazon.QA.Client.Consumer -c Release --nologo -v quiet; then
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
passed=0
failed=0
for project in tests/*/*.Tests.csproj tests/Shazamazon.QA.Client.Consumer/Shazamazon.QA.Client.Consumer.csproj; do
  name="$(basename "$project" .csproj)"
  qa_log "Testing $name"
  dotnet test "$project" -c Release --no-build --nologo -v quiet \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=1
  trx="$results/$name.trx"
  if [ -f "$trx" ]; then
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
  else
    echo "$name produced no results: counted as one failure" >&2
    failed=$((failed + 1))
  fi
done

[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed"
exit "$status"
