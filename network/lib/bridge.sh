# `./sfsbroker bridge …`: the MQTT ↔ ledger bridge (docs/protocol.md) as a process of its own,
# started and stopped by pid like the Fabric nodes and Mosquitto. Sourced, never run.

SFSB_BRIDGE="$SFSB_RUNTIME/bridge"

bridge_usage() {
  cat <<'USAGE'
Usage: ./sfsbroker bridge <command>

  up         build the bridge when needed and start it against the running network and broker
             (state, de-duplication records and event checkpoint in $SFSB_RUNTIME/bridge)
  status     whether it runs, its pid and log
  down       stop it (SIGTERM, by pid); its state stays, so the next start resumes
USAGE
}

bridge_main() {
  local command=${1:-}
  [ $# -gt 0 ] && shift
  case "$command" in
    up) bridge_up "$@" ;;
    status) bridge_status "$@" ;;
    down) bridge_down "$@" ;;
    -h | --help | help | "") bridge_usage ;;
    *) bridge_usage >&2; die "unknown bridge command: $command" ;;
  esac
}

bridge_running() { is_running bridge; }

# module_classpath MODULE: builds MODULE (and what it needs) once and prints its runtime classpath.
module_classpath() {
  local module=$1 dir="$SFSB_ROOT/$1/target"
  if [ ! -d "$dir/classes" ] || [ ! -s "$dir/runtime.classpath" ]; then
    (cd "$SFSB_ROOT" && mvn -B -q -ntp -pl "$module" -am install -DskipTests -Dspotless.check.skip=true &&
      mvn -B -q -ntp -pl "$module" dependency:build-classpath -DincludeScope=runtime \
        -Dmdep.outputFile=target/runtime.classpath) >&2 || die "building $module failed"
  fi
  printf '%s:%s' "$dir/classes" "$(cat "$dir/runtime.classpath")"
}

bridge_up() {
  [ $# -eq 0 ] || { bridge_usage >&2; die "bridge up takes no options"; }
  [ -f "$SFSB_RUNTIME/network.json" ] || die "the network is not up; run ./sfsbroker network up"
  [ -f "$SFSB_RUNTIME/mqtt.json" ] || die "the MQTT broker is not up; run ./sfsbroker mqtt up"
  if bridge_running; then
    say "The bridge is already running (pid $(pid_of bridge))."
    return 0
  fi
  local classpath
  classpath=$(module_classpath gateway-client)
  mkdir -p "$SFSB_BRIDGE/state" "$SFSB_LOGS"
  jq -n --arg network "$SFSB_RUNTIME/network.json" --arg mqtt "$SFSB_RUNTIME/mqtt.json" \
    --arg state "$SFSB_BRIDGE/state" \
    '{network: $network, org: "broker", mqtt: $mqtt, clientId: "sfsb-bridge-1", stateDir: $state,
      workers: 4, closeGraceSeconds: 2}' >"$SFSB_BRIDGE/bridge.json"
  local log="$SFSB_LOGS/bridge.log" from
  from=0
  [ -f "$log" ] && from=$(wc -l <"$log")
  step "starting the bridge"
  start_process bridge "$log" "$(command -v java)" -Xmx256m -cp "$classpath" \
    io.sfsbroker.gateway.bridge.BridgeMain "$SFSB_BRIDGE/bridge.json"
  if ! wait_until 60 bridge bridge_started "$log" "$from"; then
    tail -n 30 "$log" >&2 || true
    stop_process bridge
    die "the bridge did not start within 60 s; see $log"
  fi
  say "The bridge is up (pid $(pid_of bridge)); log: $log"
}

# bridge_started LOG FROM_LINE: whether the bridge has said it runs since line FROM_LINE, and lives.
bridge_started() {
  bridge_running || return 1
  tail -n "+$(($2 + 1))" "$1" | grep -q "running on"
}

bridge_down() {
  [ $# -eq 0 ] || { bridge_usage >&2; die "bridge down takes no options"; }
  if bridge_running; then
    step "stopping the bridge (pid $(pid_of bridge))"
  fi
  stop_process bridge
}

bridge_status() {
  if bridge_running; then
    say "bridge: running (pid $(pid_of bridge)), log $SFSB_LOGS/bridge.log, state $SFSB_BRIDGE/state"
  else
    say "bridge: stopped"
    return 1
  fi
}
