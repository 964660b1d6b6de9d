# `./sfsbroker bridge …`: the MQTT ↔ ledger bridge (docs/protocol.md) as a process of its own,
# started and stopped by pid like the Fabric nodes and Mosquitto. Sourced, never run.

SFSB_BRIDGE="$SFSB_RUNTIME/bridge"

bridge_usage() {
  cat <<'USAGE'
Usage: ./sfsbroker bridge <command>

  up [--count N]  build the bridge when needed and start it against the running network and
                  broker (state, de-duplication records and event checkpoint in
                  $SFSB_RUNTIME/bridge). --count N (2-9) starts N bridges that share the device
                  traffic through the MQTT shared subscription group sfsb-bridges (clean
                  sessions; devices send again what a dead one left unanswered): bridge 1 keeps
                  bridge.json and state/, bridge I gets bridge-I.json, bridge-I/state and
                  logs/bridge-I.log
  status          whether each bridge runs, its pid and log
  down            stop every bridge (SIGTERM, by pid); their state stays, so the next start resumes
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

# bridge_name I: the process name of bridge I (bridge 1 keeps the name of a single bridge).
bridge_name() { if [ "$1" = 1 ]; then printf 'bridge'; else printf 'bridge-%s' "$1"; fi; }

# bridge_instances: the numbers of the bridges that have a pid file, in order.
bridge_instances() {
  [ -f "$SFSB_PIDS/bridge.pid" ] && echo 1
  local file
  for file in "$SFSB_PIDS"/bridge-*.pid; do
    [ -f "$file" ] || continue
    file=${file##*/bridge-}
    echo "${file%.pid}"
  done | sort -n
}

# bridge_shared I: whether running bridge I was started in the share group.
bridge_shared() {
  local config="$SFSB_BRIDGE/bridge.json"
  [ "$1" = 1 ] || config="$SFSB_BRIDGE/$(bridge_name "$1").json"
  [ -f "$config" ] && [ "$(jq -r '.shareGroup // empty' "$config")" != "" ]
}

bridge_up() {
  local count=1
  while [ $# -gt 0 ]; do
    case "$1" in
      --count)
        [ $# -ge 2 ] || die "--count needs a number"
        count=$2
        shift 2
        ;;
      *) bridge_usage >&2; die "unknown bridge up option: $1" ;;
    esac
  done
  [[ $count =~ ^[1-9]$ ]] || die "--count must be 1 to 9, not $count"
  [ -f "$SFSB_RUNTIME/network.json" ] || die "the network is not up; run ./sfsbroker network up"
  [ -f "$SFSB_RUNTIME/mqtt.json" ] || die "the MQTT broker is not up; run ./sfsbroker mqtt up"
  # A bridge of its own and bridges of the share group would each get every uplink.
  local i
  for i in $(bridge_instances); do
    is_running "$(bridge_name "$i")" || continue
    if [ "$count" -gt 1 ] && ! bridge_shared "$i"; then
      die "bridge $i runs with a subscription of its own; stop it first (./sfsbroker bridge down)"
    fi
    if [ "$count" = 1 ] && { [ "$i" != 1 ] || bridge_shared "$i"; }; then
      die "bridges of the share group run; stop them first (./sfsbroker bridge down) or give --count"
    fi
  done
  local classpath
  classpath=$(module_classpath gateway-client)
  for i in $(seq 1 "$count"); do
    bridge_start_one "$i" "$count" "$classpath"
  done
}

# bridge_start_one I COUNT CLASSPATH: starts bridge I (of COUNT) unless it runs.
bridge_start_one() {
  local i=$1 count=$2 classpath=$3 name config state log from group=""
  name=$(bridge_name "$i")
  if is_running "$name"; then
    say "Bridge $i is already running (pid $(pid_of "$name"))."
    return 0
  fi
  if [ "$i" = 1 ]; then
    config="$SFSB_BRIDGE/bridge.json" state="$SFSB_BRIDGE/state"
  else
    config="$SFSB_BRIDGE/$name.json" state="$SFSB_BRIDGE/$name/state"
  fi
  [ "$count" -gt 1 ] && group=sfsb-bridges
  mkdir -p "$state" "$SFSB_LOGS"
  jq -n --arg network "$SFSB_RUNTIME/network.json" --arg mqtt "$SFSB_RUNTIME/mqtt.json" \
    --arg state "$state" --arg client "sfsb-bridge-$i" --arg group "$group" \
    '{network: $network, org: "broker", mqtt: $mqtt, clientId: $client, stateDir: $state,
      workers: 4, closeGraceSeconds: 2} + (if $group == "" then {} else {shareGroup: $group} end)' \
    >"$config"
  log="$SFSB_LOGS/$name.log"
  from=0
  [ -f "$log" ] && from=$(wc -l <"$log")
  step "starting bridge $i${group:+ (share group $group)}"
  start_process "$name" "$log" "$(command -v java)" -Xmx256m -cp "$classpath" \
    io.sfsbroker.gateway.bridge.BridgeMain "$config"
  if ! wait_until 60 "$name" bridge_started "$name" "$log" "$from"; then
    tail -n 30 "$log" >&2 || true
    stop_process "$name"
    die "bridge $i did not start within 60 s; see $log"
  fi
  say "Bridge $i is up (pid $(pid_of "$name")); log: $log"
}

# bridge_started NAME LOG FROM_LINE: whether bridge NAME has said it runs since line FROM_LINE,
# and lives.
bridge_started() {
  is_running "$1" || return 1
  tail -n "+$(($3 + 1))" "$2" | grep -q "running on"
}

bridge_down() {
  [ $# -eq 0 ] || { bridge_usage >&2; die "bridge down takes no options"; }
  local i name
  for i in $(bridge_instances); do
    name=$(bridge_name "$i")
    if is_running "$name"; then
      step "stopping bridge $i (pid $(pid_of "$name"))"
    fi
    stop_process "$name"
  done
}

bridge_status() {
  local i name any=1 state
  for i in $(bridge_instances); do
    name=$(bridge_name "$i")
    state="$SFSB_BRIDGE/state"
    [ "$i" = 1 ] || state="$SFSB_BRIDGE/$name/state"
    if is_running "$name"; then
      any=0
      say "bridge $i: running (pid $(pid_of "$name"))$(bridge_shared "$i" && printf ', share group sfsb-bridges'), log $SFSB_LOGS/$name.log, state $state"
    else
      say "bridge $i: stopped"
    fi
  done
  if [ "$any" = 1 ]; then
    [ -n "$(bridge_instances)" ] || say "bridge: stopped"
    return 1
  fi
}
