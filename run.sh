#!/usr/bin/env bash
# Brings QaEdge up on http://127.0.0.1:5080 with a demo data set:
#   ./run.sh                      PostgreSQL + Redis under .data/, migrate, seed 100,000 products if empty, serve, and
#                                 print the demo product page (the widget) and the node's dashboard with its admin key
#   ./run.sh seed --products N    (re)generate a data set of N products (add --force to replace one)
#   ./run.sh cluster              the same data, an origin (Database) on :5080 and two edges (Origin) on :5081 and :5082
#   ./run.sh fleet                the same data on a fleet: nginx on :5080 in front of three nodes on :5081-:5083, a
#                                 Redis Cluster on :7001-:7006, PostgreSQL primary :5432 and streaming replica :5433
#                                 (QA_FLEET_ROUTING=random routes at random instead of by product)
#   ./run.sh stop                 stop everything this script started
set -euo pipefail
cd "$(dirname "$0")"
source scripts/servers.sh

edge() { dotnet "$QA_ROOT/.data/build/EdgeHost.dll" "$@"; }

build() {
  qa_log "Building the edge host"
  dotnet publish src/EdgeHost/EdgeHost.csproj -c Release -o "$QA_ROOT/.data/build" --nologo -v quiet >/dev/null
}

seed_if_empty() {
  local products
  products="$("$(qa_pg_bin)/psql" -h 127.0.0.1 -p "$QA_PG_PORT" -U qa -d qa -qtAc "SELECT count(*) FROM (SELECT 1 FROM products LIMIT 1) p")"
  if [ "$products" = 0 ]; then
    edge seed --products "${QA_DEMO_PRODUCTS:-100000}"
  fi
}

case "${1:-up}" in
  stop)
    qa_stop_lb
    for pidfile in "$QA_DATA"/edge*.pid; do
      if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        qa_log "Stopping $(basename "$pidfile" .pid)"
        kill "$(cat "$pidfile")"
      fi
      rm -f "$pidfile"
    done
    qa_stop_redis
    qa_stop_redis_cluster
    qa_stop_pg_replica
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
  fleet)
    qa_ensure_fleet_packages
    qa_start_postgres
    qa_connection_strings
    build
    edge migrate
    seed_if_empty
    qa_enable_replication
    qa_start_pg_replica
    qa_start_redis_cluster
    qa_fleet_connection_strings
    trap 'qa_stop_lb; for f in "$QA_DATA"/edge*.pid; do kill "$(cat "$f" 2>/dev/null)" 2>/dev/null; rm -f "$f"; done; wait; qa_stop_redis_cluster; qa_stop_pg_replica; qa_stop_postgres' EXIT
    trap 'exit 130' INT TERM
    for port in $QA_FLEET_PORTS; do
      # Every node is a database node: misses from the replica, writes and LISTEN on the primary, L2 and the
      # invalidation channel on the Redis Cluster; nginx is the proxy whose X-Forwarded-For it trusts.
      Qa__Protection__KnownProxies__0=127.0.0.1 dotnet "$QA_ROOT/.data/build/EdgeHost.dll" --Urls="http://127.0.0.1:$port" &
      echo $! >"$QA_DATA/edge-$port.pid"
    done
    for port in $QA_FLEET_PORTS; do
      for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
    done
    qa_start_lb
    cat >&2 <<MSG

QaEdge fleet on http://127.0.0.1:$QA_LB_PORT: nginx (routing ${QA_FLEET_ROUTING:-hash}) in front of nodes on ${QA_FLEET_PORTS// /, },
Redis Cluster on ${QA_REDIS_CLUSTER_PORTS// /, }, PostgreSQL primary :$QA_PG_PORT and replica :$QA_PG_REPLICA_PORT.
Ctrl-C (or ./run.sh stop) stops it all. A product page with the Q&A widget: http://127.0.0.1:$QA_LB_PORT/demo/products/7
Try a write, then read it back through any node with its token:
  curl -si -X POST http://127.0.0.1:$QA_LB_PORT/api/v1/questions/22/votes -H 'content-type: application/json' -d '{"direction":"up"}' | grep -i x-qa-version
  curl -s -H 'X-Qa-Min-Version: <that value>' 'http://127.0.0.1:$QA_LB_PORT/api/v1/products/7/questions?count=1'

MSG
    wait
    ;;
  up|cluster)
    mode="${1:-up}"
    qa_ensure_packages
    qa_start_postgres
    qa_start_redis
    qa_connection_strings
    build
    edge migrate
    seed_if_empty
    if [ "$mode" = cluster ]; then
      trap 'for f in "$QA_DATA"/edge*.pid; do kill "$(cat "$f" 2>/dev/null)" 2>/dev/null; rm -f "$f"; done; wait; qa_stop_redis; qa_stop_postgres' EXIT
      trap 'exit 130' INT TERM
      # The origin trusts the edges' X-Forwarded-For, so its write limit counts the clients, not the edges.
      Qa__Protection__KnownProxies__0=127.0.0.1 dotnet "$QA_ROOT/.data/build/EdgeHost.dll" --Urls=http://127.0.0.1:5080 &
      echo $! >"$QA_DATA/edge-origin.pid"
      for port in 5081 5082; do
        # Edges: no database; misses and writes go to the origin cluster, with active health checks on /readyz.
        ConnectionStrings__Postgres= Qa__Source=Origin \
          ReverseProxy__Clusters__origin__Destinations__primary__Address=http://127.0.0.1:5080/ \
          ReverseProxy__Clusters__origin__HealthCheck__Active__Enabled=true \
          ReverseProxy__Clusters__origin__HealthCheck__Active__Interval=00:00:05 \
          ReverseProxy__Clusters__origin__HealthCheck__Active__Path=/readyz \
          ReverseProxy__Clusters__origin__HealthCheck__Passive__Enabled=true \
          ReverseProxy__Clusters__origin__HttpRequest__ActivityTimeout=00:00:05 \
          dotnet "$QA_ROOT/.data/build/EdgeHost.dll" --Urls="http://127.0.0.1:$port" &
        echo $! >"$QA_DATA/edge-$port.pid"
      done
      cat >&2 <<MSG

QaEdge cluster: origin (PostgreSQL) on :5080, edges (Origin mode) on :5081 and :5082, one Redis.
Ctrl-C stops them all. Try a write through one edge and a read through the other:
  curl -s -X POST http://127.0.0.1:5081/api/v1/questions/22/votes -H 'content-type: application/json' -d '{"direction":"up"}'
  curl -s 'http://127.0.0.1:5082/api/v1/products/7/questions?count=1'

MSG
      wait
      exit 0
    fi
    # The admin endpoints (and the node's dashboard) need a key: a fresh one per start unless QA_ADMIN_KEY names one.
    admin_key="${QA_ADMIN_KEY:-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')}"
    cat >&2 <<MSG

QaEdge is serving on http://127.0.0.1:5080 (Ctrl-C stops it and the servers it started).
  A product page with the Q&A widget:  http://127.0.0.1:5080/demo/products/7
  This node's dashboard:               http://127.0.0.1:5080/admin/dashboard (admin key: $admin_key)
  The API:                             curl -i 'http://127.0.0.1:5080/api/v1/products/7/questions?count=2'

MSG
    Qa__Admin__ApiKey="$admin_key" dotnet "$QA_ROOT/.data/build/EdgeHost.dll" --Urls=http://127.0.0.1:5080 &
    echo $! >"$QA_DATA/edge.pid"
    # Waiting (instead of running in the foreground) lets Ctrl-C and `./run.sh stop` reach these traps at once.
    trap 'kill "$(cat "$QA_DATA/edge.pid" 2>/dev/null)" 2>/dev/null; wait; rm -f "$QA_DATA/edge.pid"; qa_stop_redis; qa_stop_postgres' EXIT
    trap 'exit 130' INT TERM
    wait "$(cat "$QA_DATA/edge.pid")"
    ;;
  *)
    echo "usage: ./run.sh [up|cluster|fleet|seed [--products N] [--force]|stop]" >&2
    exit 64
    ;;
esac
