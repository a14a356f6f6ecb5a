# Shared by run.sh and test.sh: installs and starts the local PostgreSQL and Redis on loopback, data under .data/.
# Source it; it defines functions and never starts anything by itself.

QA_ROOT="${QA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
QA_DATA="$QA_ROOT/.data"
QA_PG_PORT="${QA_PG_PORT:-5432}"
QA_REDIS_PORT="${QA_REDIS_PORT:-6379}"

qa_log() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }

qa_as_postgres() {
  # PostgreSQL refuses to run as root: run its tools as the postgres user then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

qa_pg_bin() {
  local bin
  for bin in "${QA_PG_BIN:-}" /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -n "$bin" ] && [ -x "$bin/initdb" ]; then echo "$bin"; return 0; fi
  done
  return 1
}

qa_apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "Missing $*: install it (apt-get install $*) or run as root so this script can." >&2
    return 1
  fi
  qa_log "Installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
}

qa_ensure_packages() {
  qa_pg_bin >/dev/null || qa_apt_install postgresql-15
  command -v redis-server >/dev/null || qa_apt_install redis-server
  # The Debian packages start system-wide services; ours run from .data/ on our own ports instead.
  qa_pg_bin >/dev/null && command -v redis-server >/dev/null
}

qa_start_postgres() {
  local bin dir="$QA_DATA/postgres"
  bin="$(qa_pg_bin)"
  mkdir -p "$QA_DATA"
  if [ ! -f "$dir/PG_VERSION" ]; then
    qa_log "Creating a PostgreSQL cluster in $dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir" && chmod 700 "$dir"
    qa_as_postgres "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    # Tuned for this machine (2 cores, 24 GiB) and for bulk loads: minimal WAL lets index builds skip it.
    cat >>"$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
shared_buffers = 4GB
effective_cache_size = 16GB
work_mem = 16MB
maintenance_work_mem = 1GB
wal_level = minimal
max_wal_senders = 0
max_wal_size = 16GB
checkpoint_timeout = 30min
max_parallel_maintenance_workers = 2
random_page_cost = 1.1
jit = off
CONF
  fi
  qa_pg_ctl_start "$dir" "$QA_PG_PORT" PostgreSQL
  local psql=("$bin/psql" -h 127.0.0.1 -p "$QA_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'qa'")" != 1 ]; then
    "${psql[@]}" -c "CREATE ROLE qa LOGIN"
  fi
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'qa'")" != 1 ]; then
    "${psql[@]}" -c "CREATE DATABASE qa OWNER qa"
  fi
}

qa_stop_postgres() { qa_pg_ctl_stop "$QA_DATA/postgres" PostgreSQL; }

# Starts the cluster in DIR on PORT unless it runs (NAME is what the log line calls it).
qa_pg_ctl_start() {
  local bin dir="$1" port="$2" name="$3"
  bin="$(qa_pg_bin)"
  if qa_as_postgres "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    qa_log "$name already running ($dir)"
  else
    qa_log "Starting $name on 127.0.0.1:$port"
    qa_as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -o "-p $port" -w -t 120 start >/dev/null
  fi
}

# Stops the cluster in DIR if it runs.
qa_pg_ctl_stop() {
  local bin dir="$1" name="$2"
  bin="$(qa_pg_bin)" || return 0
  if [ -f "$dir/postmaster.pid" ]; then
    qa_log "Stopping $name"
    qa_as_postgres "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
  fi
}

qa_start_redis() {
  local dir="$QA_DATA/redis"
  mkdir -p "$dir"
  if [ -f "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
    qa_log "Redis already running (pid $(cat "$dir/redis.pid"))"
    return 0
  fi
  qa_log "Starting Redis on 127.0.0.1:$QA_REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$QA_REDIS_PORT" --save "" --appendonly no \
    --maxmemory 2gb --maxmemory-policy allkeys-lru \
    --daemonize yes --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  for _ in $(seq 50); do
    redis-cli -h 127.0.0.1 -p "$QA_REDIS_PORT" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "Redis did not start; see $dir/redis.log" >&2
  return 1
}

qa_stop_redis() {
  local pidfile="$QA_DATA/redis/redis.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    qa_log "Stopping Redis"
    kill "$(cat "$pidfile")"
    rm -f "$pidfile"
  fi
}

qa_connection_strings() {
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$QA_PG_PORT;Database=qa;Username=qa;Maximum Pool Size=16"
  export ConnectionStrings__Redis="127.0.0.1:$QA_REDIS_PORT"
}

# --- The fleet (./run.sh fleet): a streaming PostgreSQL replica, a Redis Cluster, nginx in front ------------------

QA_PG_REPLICA_PORT="${QA_PG_REPLICA_PORT:-5433}"
QA_REDIS_CLUSTER_PORTS="${QA_REDIS_CLUSTER_PORTS:-7001 7002 7003 7004 7005 7006}"
QA_LB_PORT="${QA_LB_PORT:-5080}"
QA_FLEET_PORTS="${QA_FLEET_PORTS:-5081 5082 5083}"

qa_ensure_fleet_packages() {
  qa_ensure_packages
  command -v nginx >/dev/null || qa_apt_install nginx-light
  command -v nginx >/dev/null
}

# The primary streams WAL to a replica: wal_level=replica (the demo set-up's "minimal" lets bulk loads skip WAL).
qa_enable_replication() {
  local bin psql
  bin="$(qa_pg_bin)"
  psql=("$bin/psql" -h 127.0.0.1 -p "$QA_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$("${psql[@]}" -c "SHOW wal_level")" != replica ]; then
    qa_log "Enabling streaming replication on the primary (wal_level=replica; restarts it)"
    "${psql[@]}" -c "ALTER SYSTEM SET wal_level = 'replica'" -c "ALTER SYSTEM SET max_wal_senders = 10"
    qa_as_postgres "$bin/pg_ctl" -D "$QA_DATA/postgres" -m fast -w restart -l "$QA_DATA/postgres/server.log" -o "-p $QA_PG_PORT" >/dev/null
  fi
}

qa_start_pg_replica() {
  local bin dir="$QA_DATA/postgres-replica"
  bin="$(qa_pg_bin)"
  if [ ! -f "$dir/PG_VERSION" ]; then
    qa_log "Creating a streaming replica in $dir (pg_basebackup -R)"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir" && chmod 700 "$dir"
    qa_as_postgres "$bin/pg_basebackup" -D "$dir" -h 127.0.0.1 -p "$QA_PG_PORT" -U postgres -R -X stream --checkpoint=fast --no-sync
  fi
  qa_pg_ctl_start "$dir" "$QA_PG_REPLICA_PORT" "the PostgreSQL replica"
}

qa_stop_pg_replica() { qa_pg_ctl_stop "$QA_DATA/postgres-replica" "the PostgreSQL replica"; }

# Three masters with a replica each; created once, then each node rejoins from its nodes.conf.
qa_start_redis_cluster() {
  local port dir nodes=()
  for port in $QA_REDIS_CLUSTER_PORTS; do
    dir="$QA_DATA/redis-cluster/$port"
    mkdir -p "$dir"
    nodes+=("127.0.0.1:$port")
    if [ -f "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
      continue
    fi
    redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
      --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 2000 \
      --maxmemory 512mb --maxmemory-policy allkeys-lru \
      --daemonize yes --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  done
  for port in $QA_REDIS_CLUSTER_PORTS; do
    for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  done
  local first="${QA_REDIS_CLUSTER_PORTS%% *}"
  if ! redis-cli -p "$first" cluster info | grep -q 'cluster_slots_assigned:16384'; then
    qa_log "Creating the Redis Cluster on ${nodes[*]}"
    redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes >/dev/null
  fi
  qa_log "Waiting for the Redis Cluster to be ok"
  for _ in $(seq 100); do
    redis-cli -p "$first" cluster info | grep -q 'cluster_state:ok' && return 0
    sleep 0.2
  done
  echo "The Redis Cluster did not reach cluster_state:ok; see $QA_DATA/redis-cluster/*/redis.log" >&2
  return 1
}

qa_stop_redis_cluster() {
  local pidfile
  for pidfile in "$QA_DATA"/redis-cluster/*/redis.pid; do
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      kill "$(cat "$pidfile")"
    fi
    rm -f "$pidfile"
  done
}

# nginx on $QA_LB_PORT in front of $QA_FLEET_PORTS; QA_FLEET_ROUTING=hash (default: by product, consistent) or random.
qa_start_lb() {
  local dir="$QA_DATA/nginx" routing servers="" port
  mkdir -p "$dir"
  case "${QA_FLEET_ROUTING:-hash}" in
    hash) routing='hash $qa_routing_key consistent;' ;;
    random) routing='random two least_conn;' ;;
    *) echo "QA_FLEET_ROUTING must be hash or random" >&2; return 64 ;;
  esac
  for port in $QA_FLEET_PORTS; do
    servers="${servers}server 127.0.0.1:$port max_fails=1 fail_timeout=5s; "
  done
  sed -e "s|@PREFIX@|$dir|g" -e "s|@LISTEN@|127.0.0.1:$QA_LB_PORT|g" -e "s|@ROUTING@|$routing|g" -e "s|@SERVERS@|$servers|g" \
    "$QA_ROOT/deploy/nginx/qaedge-fleet.conf" >"$dir/nginx.conf"
  qa_stop_lb
  qa_log "Starting nginx on 127.0.0.1:$QA_LB_PORT (routing: ${QA_FLEET_ROUTING:-hash})"
  nginx -c "$dir/nginx.conf" -p "$dir" -e "$dir/error.log"
}

qa_stop_lb() {
  local pidfile="$QA_DATA/nginx/nginx.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill -QUIT "$(cat "$pidfile")"
    for _ in $(seq 50); do kill -0 "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null || break; sleep 0.1; done
  fi
}

qa_fleet_connection_strings() {
  local port redis=""
  for port in $QA_REDIS_CLUSTER_PORTS; do redis="${redis:+$redis,}127.0.0.1:$port"; done
  export ConnectionStrings__Postgres="Host=127.0.0.1:$QA_PG_PORT,127.0.0.1:$QA_PG_REPLICA_PORT;Database=qa;Username=qa;Maximum Pool Size=16"
  export ConnectionStrings__Redis="$redis"
}

# A benchmark's Redis: database 1 of the local server, its keys and channel under the prefix "bench", so a benchmark's
# entries (of its own data set) are never served to ./run.sh's edge (database 0), and emptying them leaves that
# edge's alone. Each benchmark edge gets these settings; qa_bench_redis_empty empties it.
QA_BENCH_REDIS_DB=1
qa_bench_redis_settings() {
  echo "ConnectionStrings__Redis=127.0.0.1:$QA_REDIS_PORT,defaultDatabase=$QA_BENCH_REDIS_DB" "Qa__Cache__RedisPrefix=bench"
}
qa_bench_redis_empty() { redis-cli -p "$QA_REDIS_PORT" -n "$QA_BENCH_REDIS_DB" flushdb >/dev/null; }

# A benchmark's data set: database $1 (created when missing) holding $2 generated products, seeded with the edge
# published in $3 when it holds another set, then migrated (a set seeded by an older commit lacks later migrations:
# without the change triggers, writes would invalidate nothing). Sets DB_CS to its connection string.
qa_bench_dataset() {
  local db="$1" products="$2" edge="$3" have
  local psql=("$(qa_pg_bin)/psql" -h 127.0.0.1 -p "$QA_PG_PORT" -qtA)
  [ "$("${psql[@]}" -U postgres -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" = 1 ] \
    || "${psql[@]}" -U postgres -d postgres -c "CREATE DATABASE $db OWNER qa"
  DB_CS="Host=127.0.0.1;Port=$QA_PG_PORT;Database=$db;Username=qa;Maximum Pool Size=16"
  have="$("${psql[@]}" -U qa -d "$db" -c "SELECT coalesce((SELECT products FROM qa_dataset WHERE state = 'complete'), 0)" 2>/dev/null || echo 0)"
  if [ "$have" != "$products" ]; then
    qa_log "Seeding $products products into $db"
    dotnet "$edge/EdgeHost.dll" seed --products "$products" --force "--ConnectionStrings:Postgres=$DB_CS"
  fi
  dotnet "$edge/EdgeHost.dll" migrate "--ConnectionStrings:Postgres=$DB_CS"
}
