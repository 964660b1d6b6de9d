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

# proc_start_ticks PID: when the process started, in clock ticks since boot (field 22 of
# /proc/PID/stat, read after the command name, which may hold spaces); nothing if it is gone.
proc_start_ticks() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  # shellcheck disable=SC2086
  set -- $stat
  [ $# -ge 20 ] || return 1
  printf '%s' "${20}"
}

# is_running NAME: whether the recorded pid is alive and still the process we started: its start
# time is the one recorded when it was started, and its command line names the binary we
# launched. So a stale pid file whose pid the kernel gave to another process never counts, and no
# stop command signals that process. A pid file from before start times were recorded counts only
# if the process started no later than the pid file was written (a recycled pid starts after).
is_running() {
  local pid
  pid=$(pid_of "$1") || return 1
  [[ $pid =~ ^[1-9][0-9]*$ ]] && [ -d "/proc/$pid" ] || return 1
  local expected started
  expected=$(cat "$SFSB_PIDS/$1.cmd" 2>/dev/null) || return 1
  [ -n "$expected" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$expected" || return 1
  started=$(proc_start_ticks "$pid") || return 1
  if [ -f "$SFSB_PIDS/$1.start" ]; then
    [ "$(cat "$SFSB_PIDS/$1.start")" = "$started" ]
  else
    local boot hz written
    boot=$(awk '/^btime/ {print $2}' /proc/stat)
    hz=$(getconf CLK_TCK)
    written=$(stat -c %Y "$SFSB_PIDS/$1.pid") || return 1
    [ $((boot + started / hz)) -le "$written" ]
  fi
}

# safe_rm_rf PATH...: rm -rf, but only of absolute paths at least two levels below / that are not
# the home folder, the repository or a system folder; anything else (an empty or unset variable, a
# relative or root-ish path) stops the command with an error and removes nothing.
safe_rm_rf() {
  local path real
  for path in "$@"; do
    [ -n "$path" ] || die "refusing to remove an empty path"
    [[ $path == /* ]] || die "refusing to remove a relative path: '$path'"
    real=$(realpath -m -- "$path") || die "cannot resolve '$path'"
    [[ $real == /*/* ]] || die "refusing to remove a top-level path: '$path'"
    case "$real" in
      /bin | /boot | /dev | /etc | /home | /lib | /lib64 | /media | /mnt | /opt | /proc | /root | \
        /run | /sbin | /srv | /sys | /tmp | /usr | /usr/* | /var | /work)
        die "refusing to remove a system path: '$path'" ;;
    esac
    [ "$real" != "$(realpath -m -- "${HOME:-/}")" ] || die "refusing to remove the home folder: '$path'"
    [ "$real" != "$(realpath -m -- "$SFSB_ROOT")" ] || die "refusing to remove the repository: '$path'"
    rm -rf -- "$real"
  done
}

# restrict_keys DIR: makes every private key under DIR (Fabric's *_sk and *.key files) readable
# by its owner only (0600), whatever the tool that wrote it chose.
restrict_keys() {
  [ -d "$1" ] || return 0
  find "$1" -type f \( -name '*_sk' -o -name '*.key' -o -name '*.key.b64' \) -exec chmod 600 {} +
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
  local started
  if started=$(proc_start_ticks "$pid"); then
    printf '%s' "$started" >"$SFSB_PIDS/$name.start"
  fi
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
    rm -f "$SFSB_PIDS/$name.pid" "$SFSB_PIDS/$name.cmd" "$SFSB_PIDS/$name.start"
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
  rm -f "$SFSB_PIDS/$name.pid" "$SFSB_PIDS/$name.cmd" "$SFSB_PIDS/$name.start"
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
