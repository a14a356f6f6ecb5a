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
  if qa_as_postgres "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    qa_log "PostgreSQL already running ($dir)"
  else
    qa_log "Starting PostgreSQL on 127.0.0.1:$QA_PG_PORT"
    qa_as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -o "-p $QA_PG_PORT" -w -t 60 start >/dev/null
  fi
  local psql=("$bin/psql" -h 127.0.0.1 -p "$QA_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'qa'")" != 1 ]; then
    "${psql[@]}" -c "CREATE ROLE qa LOGIN"
  fi
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'qa'")" != 1 ]; then
    "${psql[@]}" -c "CREATE DATABASE qa OWNER qa"
  fi
}

qa_stop_postgres() {
  local bin dir="$QA_DATA/postgres"
  bin="$(qa_pg_bin)" || return 0
  if [ -f "$dir/postmaster.pid" ]; then
    qa_log "Stopping PostgreSQL"
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
