#!/usr/bin/env bash
# Brings QaEdge up on http://127.0.0.1:5080 with a demo data set:
#   ./run.sh                      PostgreSQL + Redis under .data/, migrate, seed 100,000 products if empty, serve
#   ./run.sh seed --products N    (re)generate a data set of N products (add --force to replace one)
#   ./run.sh stop                 stop the PostgreSQL and Redis this script started
set -euo pipefail
cd "$(dirname "$0")"
source scripts/servers.sh

edge() { dotnet "$QA_ROOT/.data/build/EdgeHost.dll" "$@"; }

build() {
  qa_log "Building the edge host"
  dotnet publish src/EdgeHost/EdgeHost.csproj -c Release -o "$QA_ROOT/.data/build" --nologo -v quiet >/dev/null
}

case "${1:-up}" in
  stop)
    if [ -f "$QA_DATA/edge.pid" ] && kill -0 "$(cat "$QA_DATA/edge.pid")" 2>/dev/null; then
      qa_log "Stopping the edge host"
      kill "$(cat "$QA_DATA/edge.pid")"
    fi
    rm -f "$QA_DATA/edge.pid"
    qa_stop_redis
    qa_stop_postgres
    ;;
  seed)
    shift
    qa_ensure_packages
    qa_start_postgres
    qa_connection_strings
    build
    edge seed "$@"
    ;;
  up)
    qa_ensure_packages
    qa_start_postgres
    qa_start_redis
    qa_connection_strings
    build
    edge migrate
    products="$("$(qa_pg_bin)/psql" -h 127.0.0.1 -p "$QA_PG_PORT" -U qa -d qa -qtAc "SELECT count(*) FROM (SELECT 1 FROM products LIMIT 1) p")"
    if [ "$products" = 0 ]; then
      edge seed --products "${QA_DEMO_PRODUCTS:-100000}"
    fi
    cat >&2 <<MSG

QaEdge is serving on http://127.0.0.1:5080 (Ctrl-C stops it and the servers it started). Try:
  curl -i 'http://127.0.0.1:5080/api/v1/products/7/questions?count=2'

MSG
    dotnet "$QA_ROOT/.data/build/EdgeHost.dll" --Urls=http://127.0.0.1:5080 &
    echo $! >"$QA_DATA/edge.pid"
    # Waiting (instead of running in the foreground) lets Ctrl-C and `./run.sh stop` reach these traps at once.
    trap 'kill "$(cat "$QA_DATA/edge.pid" 2>/dev/null)" 2>/dev/null; wait; rm -f "$QA_DATA/edge.pid"; qa_stop_redis; qa_stop_postgres' EXIT
    trap 'exit 130' INT TERM
    wait "$(cat "$QA_DATA/edge.pid")"
    ;;
  *)
    echo "usage: ./run.sh [up|seed [--products N] [--force]|stop]" >&2
    exit 64
    ;;
esac
