# `./sfsbroker demo`: the whole system on one machine, and a scenario run through it. Everything
# is real: the Fabric network, Mosquitto, the bridge, the RP agents running slices in Docker and
# the fog-node agents (each in a 64 MB heap). This script builds, starts and stops the processes;
# the scenario, its checks and its report are Java (the demo module, io.sfsbroker.demo), and its
# data is one file (network/demo/scenario.json, or SFSB_DEMO_SCENARIO). Sourced, never run.

SFSB_DEMO="$SFSB_RUNTIME/demo"
SFSB_DEMO_SCENARIO=${SFSB_DEMO_SCENARIO:-$SFSB_ROOT/network/demo/scenario.json}
# The first host port slices are published on; each RP gets a block of 250 after it.
SFSB_DEMO_PORT_BASE=${SFSB_DEMO_PORT_BASE:-$((20000 + ${SFSB_PORT_OFFSET:-0}))}

demo_usage() {
  cat <<'USAGE'
Usage: ./sfsbroker demo [--keep] [--batch-timeout D] [--max-message-count N]

Brings up the network, the MQTT broker, the Docker engine (with the slice image), the bridge and
the scenario's RP agents; registers and funds its fog nodes; runs their slice requests at the same
time (the default scenario: four RPs, three fog nodes asking for ar-vr, which needs a federated
slice, digital-twin, and explicit amounts); checks every endpoint, what the ledger awarded against
what was asked and every container's limits; decommissions the slices and checks their containers
are gone; prints a report. Exit 0 only when every step succeeded. --keep leaves everything running
(stop it with ./sfsbroker demo down).

  ./sfsbroker demo down    stop the agents, the bridge, the broker, the network and the engine

The scenario (RPs with capacity, cost and price per category; what each fog node asks for; the
offer window; the fog nodes' credits) is network/demo/scenario.json; SFSB_DEMO_SCENARIO names
another file.
USAGE
}

run_demo() {
  local keep=0 args=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --keep) keep=1; shift ;;
      down) shift; demo_down; return ;;
      -h | --help | help) demo_usage; return 0 ;;
      *) args+=("$1"); shift ;;
    esac
  done
  [ -f "$SFSB_DEMO_SCENARIO" ] || die "no scenario file $SFSB_DEMO_SCENARIO"
  install_prerequisites
  safe_rm_rf "$SFSB_DEMO/reports"
  mkdir -p "$SFSB_DEMO/reports" "$SFSB_LOGS"
  : >"$SFSB_DEMO/steps"

  demo_step "build" demo_build
  demo_step "Fabric network" network_up "${args[@]}"
  demo_step "MQTT broker" mqtt_up
  demo_step "Docker engine and slice image" demo_docker
  demo_step "bridge" bridge_up
  demo_step "device certificates, registration, credits" demo_participants
  demo_step "RP agents" demo_start_rps
  local status=0
  demo_java run || status=1

  if [ "$keep" = 1 ]; then
    say ""
    say "Everything keeps running (--keep): try ./sfsbroker cli slice list, docker ps."
    say "Stop it all with ./sfsbroker demo down."
  else
    say ""
    demo_down
  fi
  [ "$status" = 0 ] || die "the demo failed; logs in $SFSB_LOGS and $SFSB_DEMO"
}

# demo_step NAME COMMAND...: runs one step that builds or starts processes, records its duration
# and outcome; when it fails, prints the report of the steps so far and stops everything.
demo_step() {
  local name=$1 start=$SECONDS rc=0
  shift
  step "$name"
  "$@" || rc=$?
  printf '%s\t%s\t%s\n' "$name" "$((SECONDS - start))" "$rc" >>"$SFSB_DEMO/steps"
  if [ "$rc" != 0 ]; then
    warn "step failed: $name"
    demo_java report || cat "$SFSB_DEMO/steps" >&2
    demo_down >/dev/null 2>&1 || true
    die "the demo stopped at: $name"
  fi
}

demo_build() {
  (cd "$SFSB_ROOT" && mvn -B -q -ntp install -Dmaven.test.skip=true -Dspotless.check.skip=true \
    -pl chaincode,fog-node-agent,rp-agent,gateway-client,demo -am) >"$SFSB_LOGS/demo-build.log" 2>&1 ||
    { tail -n 30 "$SFSB_LOGS/demo-build.log" >&2; return 1; }
  [ -f "$SFSB_ROOT/fog-node-agent/target/fog-node-agent.jar" ] &&
    [ -f "$SFSB_ROOT/rp-agent/target/rp-agent-0.1.0-SNAPSHOT-all.jar" ]
}

# demo_java COMMAND: the Java scenario (prepare | run | report), with where everything runs.
demo_java() {
  [ -d "$SFSB_ROOT/demo/target/classes" ] || return 1
  java -Xmx256m -cp "$(module_classpath demo)" \
    -Dsfsbroker.network="$SFSB_RUNTIME/network.json" -Dsfsbroker.mqtt="$SFSB_RUNTIME/mqtt.json" \
    -Dsfsbroker.docker="unix://$SFSB_DOCKER_SOCKET" -Dsfsbroker.demo.dir="$SFSB_DEMO" \
    -Dsfsbroker.demo.clients="$SFSB_MQTT/clients" -Dsfsbroker.demo.image="$SFSB_SLICE_IMAGE" \
    -Dsfsbroker.demo.portBase="$SFSB_DEMO_PORT_BASE" -Dsfsbroker.demo.logs="$SFSB_LOGS" \
    -Dsfsbroker.demo.fogAgent="$SFSB_ROOT/fog-node-agent/bin/fog-node-agent" \
    io.sfsbroker.demo.DemoMain "$1" "$SFSB_DEMO_SCENARIO"
}

demo_docker() {
  if ! docker_answers; then
    docker_up
  fi
  docker_image
}

# demo_ids rps|fogs: the ids of the scenario's RPs or fog nodes.
demo_ids() {
  jq -r --arg kind "$1" '.[$kind][].id' "$SFSB_DEMO_SCENARIO"
}

# demo_participants: a certificate for every device, then the Java scenario registers and funds
# them and writes the agents' configuration files.
demo_participants() {
  local id
  for id in $(demo_ids fogs); do
    mqtt_issue "$id" fog-node >/dev/null
  done
  for id in $(demo_ids rps); do
    mqtt_issue "$id" rp >/dev/null
  done
  demo_java prepare
}

demo_start_rps() {
  local id jar="$SFSB_ROOT/rp-agent/target/rp-agent-0.1.0-SNAPSHOT-all.jar"
  for id in $(demo_ids rps); do
    if is_running "rp-agent-$id"; then
      continue
    fi
    # Where this run's lines begin: the log is appended to across runs.
    stat -c %s "$SFSB_LOGS/rp-agent-$id.log" 2>/dev/null >"$SFSB_DEMO/config/$id.log-start" || echo 0 >"$SFSB_DEMO/config/$id.log-start"
    start_process "rp-agent-$id" "$SFSB_LOGS/rp-agent-$id.log" "$(command -v java)" -Xmx128m \
      -jar "$jar" run -c "$SFSB_DEMO/config/$id.json"
  done
  # An RP hears only the blueprints published after it subscribed, so the requests wait until every
  # agent is connected and has reconciled (a slow start under load would otherwise miss them).
  for id in $(demo_ids rps); do
    if ! wait_until 90 "rp-agent-$id" demo_rp_ready "$id"; then
      tail -n 20 "$SFSB_LOGS/rp-agent-$id.log" >&2
      return 1
    fi
  done
  say "RP agents running: $(demo_ids rps | tr '\n' ' ')(logs $SFSB_LOGS/rp-agent-*.log)"
}

# demo_rp_ready ID: the RP agent runs, is connected to the broker and has reconciled.
demo_rp_ready() {
  local from
  from=$(cat "$SFSB_DEMO/config/$1.log-start" 2>/dev/null || echo 0)
  is_running "rp-agent-$1" && tail -c "+$((from + 1))" "$SFSB_LOGS/rp-agent-$1.log" | grep -q "$1: reconciled"
}

demo_down() {
  local id
  for id in $(demo_ids rps 2>/dev/null); do
    if is_running "rp-agent-$id"; then
      step "stopping the RP agent $id"
    fi
    stop_process "rp-agent-$id"
  done
  bridge_down
  mqtt_down
  network_down
  docker_down
}
