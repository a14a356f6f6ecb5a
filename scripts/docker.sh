# Sourced by test.sh when QA_TEST_DOCKER=1: a Docker engine for the tests' Testcontainers path, on this machine's terms.
# Nothing can be pulled from a registry and traffic stays on loopback, so the engine runs without a bridge or iptables
# rules, the Redis image is built locally from the installed redis-server (docker import of a minimal root file system),
# and containers use host networking. An engine that already answers (DOCKER_HOST, or the default socket) is used as it is.

QA_DOCKER_DIR="$QA_DATA/docker"

# Starts dockerd (installing Debian's docker.io if needed) unless DOCKER_HOST already answers; exports DOCKER_HOST and
# DOCKER_API_VERSION (Testcontainers asks for API 1.44 unless told; Debian's engine speaks 1.41).
qa_start_docker() {
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    qa_log "Using the Docker engine at ${DOCKER_HOST:-the default socket}"
  else
    command -v dockerd >/dev/null || qa_apt_install docker.io || return 1
    mkdir -p "$QA_DOCKER_DIR"
    export DOCKER_HOST="unix://$QA_DOCKER_DIR/docker.sock"
    if [ -f "$QA_DOCKER_DIR/dockerd.pid" ] && kill -0 "$(cat "$QA_DOCKER_DIR/dockerd.pid")" 2>/dev/null; then
      qa_log "Docker engine already running (pid $(cat "$QA_DOCKER_DIR/dockerd.pid"))"
    else
      qa_log "Starting a Docker engine ($DOCKER_HOST, no bridge, no iptables)"
      rm -f "$QA_DOCKER_DIR/docker.sock"
      dockerd --bridge=none --iptables=false --ip-forward=false --ip-masq=false \
        --data-root "$QA_DOCKER_DIR/root" --exec-root "$QA_DOCKER_DIR/exec" \
        --host "$DOCKER_HOST" --pidfile "$QA_DOCKER_DIR/dockerd.pid" >"$QA_DOCKER_DIR/dockerd.log" 2>&1 &
      QA_DOCKER_STARTED=1
    fi
    for _ in $(seq 150); do
      docker info >/dev/null 2>&1 && break
      sleep 0.2
    done
    if ! docker info >/dev/null 2>&1; then
      echo "QA_TEST_DOCKER=1, but the Docker engine did not start; see $QA_DOCKER_DIR/dockerd.log:" >&2
      tail -5 "$QA_DOCKER_DIR/dockerd.log" >&2
      return 1
    fi
  fi
  DOCKER_API_VERSION="$(docker version --format '{{.Server.APIVersion}}')" || return 1
  export DOCKER_API_VERSION
  # Testcontainers' resource reaper runs from an image of a registry; the tests remove what they start instead.
  export TESTCONTAINERS_RYUK_DISABLED=true
}

# Builds qaedge/redis:<version> from the installed redis-server and redis-cli and their libraries, unless the engine has
# it; exports QA_TEST_REDIS_IMAGE. Containers run it with host networking and their own --port.
qa_build_redis_image() {
  local version image root
  version="$(redis-server --version | sed -n 's/.*v=\([0-9.]*\).*/\1/p')"
  image="qaedge/redis:${version:-local}"
  if ! docker image inspect "$image" >/dev/null 2>&1; then
    qa_log "Building the image $image from $(command -v redis-server)"
    root="$(mktemp -d)"
    for binary in "$(command -v redis-server)" "$(command -v redis-cli)"; do
      cp --parents -L "$binary" "$root/"
      for library in $(ldd "$binary" | grep -o '/[^ ]*'); do
        cp --parents -L "$library" "$root/"
      done
    done
    tar -C "$root" -c . | docker import --change "ENTRYPOINT [\"$(command -v redis-server)\"]" \
      --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' - "$image" >/dev/null # redis-cli on PATH: the readiness check runs it
    local status=$?
    rm -rf "$root"
    [ "$status" = 0 ] || return 1
  fi
  export QA_TEST_REDIS_IMAGE="$image"
}

# Stops the engine this script started (by its pid file), and only that one.
qa_stop_docker() {
  local pidfile="$QA_DOCKER_DIR/dockerd.pid"
  if [ "${QA_DOCKER_STARTED:-0}" = 1 ] && [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    qa_log "Stopping the Docker engine"
    kill "$(cat "$pidfile")"
    for _ in $(seq 100); do
      kill -0 "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null || break
      sleep 0.1
    done
    # dockerd leaves its network namespace mounted; unmounted, .data/ can be deleted.
    for mounted in "$QA_DOCKER_DIR"/exec/netns/*; do
      [ -e "$mounted" ] && umount "$mounted" 2>/dev/null
    done
  fi
}
