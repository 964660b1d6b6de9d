# Shared helpers of ./sfsbroker: paths, messages, process and port checks.
# Sourced, never run.

SFSB_ROOT=${SFSB_ROOT:?SFSB_ROOT must be set by ./sfsbroker}
SFSB_CONFIG_DIR="$SFSB_ROOT/test-network-config"
# Everything a running network writes (crypto, ledgers, logs, pids) lives here.
SFSB_RUNTIME=${SFSB_RUNTIME:-$SFSB_ROOT/.runtime}
# Slow builds (the Fabric binaries) are cached here, outside the tracked tree.
SFSB_CACHE=${SFSB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sfsbroker}

# shellcheck source=../../test-network-config/network.env
. "$SFSB_CONFIG_DIR/network.env"

SFSB_CRYPTO="$SFSB_RUNTIME/crypto"
SFSB_LOGS="$SFSB_RUNTIME/logs"
SFSB_PIDS="$SFSB_RUNTIME/pids"
SFSB_DATA="$SFSB_RUNTIME/data"
SFSB_RENDERED="$SFSB_RUNTIME/config"

say() { printf '%s\n' "$*"; }
step() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# pid_of NAME: the pid recorded for a process this tool started, or nothing.
pid_of() {
  local file="$SFSB_PIDS/$1.pid"
  [ -f "$file" ] && cat "$file"
}

# is_running NAME: whether the recorded pid is alive and still the process we started
# (its command line names the binary we launched, so a recycled pid does not count).
is_running() {
  local pid
  pid=$(pid_of "$1") || return 1
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  local expected
  expected=$(cat "$SFSB_PIDS/$1.cmd" 2>/dev/null) || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$expected"
}

# port_taken PORT: whether something already listens on the loopback port.
port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# start_process NAME LOGFILE COMMAND...: starts COMMAND in its own session, detached from this
# shell, and records its pid; the environment of the caller is passed on.
start_process() {
  local name=$1 log=$2
  shift 2
  mkdir -p "$SFSB_PIDS" "$(dirname "$log")"
  setsid "$@" >>"$log" 2>&1 </dev/null &
  local pid=$!
  # Not a job of this shell: it outlives the command, and its end is not reported here.
  disown "$pid" 2>/dev/null || true
  printf '%s\n' "$pid" >"$SFSB_PIDS/$name.pid"
  printf '%s' "$1" >"$SFSB_PIDS/$name.cmd"
}

# process_gone PID: whether the process has ended (gone, or a zombie nobody reaped yet).
process_gone() {
  [ -d "/proc/$1" ] || return 0
  [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]
}

# wait_gone PID [SECONDS]: waits until the process has ended; false if it outlives SECONDS (10).
wait_gone() {
  local pid=$1 tries=$((${2:-10} * 10))
  while ! process_gone "$pid"; do
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || return 1
    sleep 0.1
  done
}

# stop_process NAME: stops the process recorded under NAME, by its pid only.
stop_process() {
  local name=$1 pid
  if ! is_running "$name"; then
    rm -f "$SFSB_PIDS/$name.pid" "$SFSB_PIDS/$name.cmd"
    return 0
  fi
  pid=$(pid_of "$name")
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 50); do
    [ -d "/proc/$pid" ] || break
    sleep 0.2
  done
  if [ -d "/proc/$pid" ]; then
    warn "$name (pid $pid) ignored SIGTERM for 10 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$SFSB_PIDS/$name.pid" "$SFSB_PIDS/$name.cmd"
}

# wait_until SECONDS DESCRIPTION COMMAND...: retries COMMAND every half second.
wait_until() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 0.5
  done
}

require_tool() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is not installed; $2"
}
