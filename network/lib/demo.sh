# `./sfsbroker demo`: the whole system on one machine, and a scenario run through it. Everything
# is real: the Fabric network, Mosquitto, the bridge, four RP agents running slices in Docker and
# three fog-node agents (each in a 64 MB heap). Sourced, never run.

SFSB_DEMO="$SFSB_RUNTIME/demo"
SFSB_DEMO_FOGS="fog-1 fog-2 fog-3"
SFSB_DEMO_RPS="rp-1 rp-2 rp-3 rp-4"
# How long an offer window stays open in the scenario (seconds).
SFSB_DEMO_WINDOW=${SFSB_DEMO_WINDOW:-8}

demo_usage() {
  cat <<'USAGE'
Usage: ./sfsbroker demo [--keep] [--batch-timeout D] [--max-message-count N]

Brings up the network, the MQTT broker, the Docker engine (with the slice image), the bridge and
four RP agents; registers and funds three fog nodes; runs three concurrent slice requests of
different service classes (the AR/VR one needs a federated slice); checks every endpoint;
decommissions the slices and checks their containers are gone; prints a report. Exit 0 only when
every step succeeded. --keep leaves everything running (stop it with ./sfsbroker demo down).

  ./sfsbroker demo down    stop the agents, the bridge, the broker, the network and the engine
USAGE
}

# The RP agents: capacity, cost and list price per category. Different sizes and prices, so that
# the selection has choices to make: only rp-2 renders, rp-4 is cheap but has little bandwidth.
demo_rp_categories() {
  case "$1" in
    rp-1) cat <<'JSON'
{"cpu-millicores": {"capacity": 4000, "cost": 1, "price": 3},
 "memory-mib": {"capacity": 8192, "cost": 1, "price": 2},
 "storage-mib": {"capacity": 8192, "cost": 1, "price": 1},
 "bandwidth-mbps": {"capacity": 2000, "cost": 2, "price": 5}}
JSON
    ;;
    rp-2) cat <<'JSON'
{"cpu-millicores": {"capacity": 6000, "cost": 2, "price": 4},
 "memory-mib": {"capacity": 8192, "cost": 1, "price": 3},
 "storage-mib": {"capacity": 4096, "cost": 1, "price": 2},
 "bandwidth-mbps": {"capacity": 4000, "cost": 2, "price": 4},
 "rendering-k": {"capacity": 800, "cost": 4, "price": 10}}
JSON
    ;;
    rp-3) cat <<'JSON'
{"cpu-millicores": {"capacity": 2000, "cost": 1, "price": 2},
 "memory-mib": {"capacity": 4096, "cost": 1, "price": 1},
 "storage-mib": {"capacity": 16384, "cost": 1, "price": 1}}
JSON
    ;;
    rp-4) cat <<'JSON'
{"cpu-millicores": {"capacity": 8000, "cost": 1, "price": 1},
 "memory-mib": {"capacity": 16384, "cost": 1, "price": 1},
 "storage-mib": {"capacity": 65536, "cost": 1, "price": 1},
 "bandwidth-mbps": {"capacity": 500, "cost": 1, "price": 2}}
JSON
    ;;
  esac
}

# The scenario: what each fog node asks for.
demo_request_args() {
  case "$1" in
    fog-1) printf '%s\n' --class ar-vr --budget 200000 ;;
    fog-2) printf '%s\n' --class digital-twin --budget 200000 ;;
    fog-3) printf '%s\n' --amount cpu-millicores=500 --amount memory-mib=512 --budget 50000 ;;
  esac
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
  install_prerequisites
  local t0=$SECONDS started_at
  started_at=$(date +%s%N)
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
  demo_step "three concurrent slice requests" demo_requests || status=1
  demo_step "containers hold the awarded limits" demo_check_containers || status=1
  demo_step "decommission" demo_decommission || status=1
  demo_report "$status"

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

# demo_step NAME COMMAND...: runs one step, records its duration and outcome.
demo_step() {
  local name=$1 start=$SECONDS rc=0
  shift
  step "$name"
  "$@" || rc=$?
  printf '%s\t%s\t%s\n' "$name" "$((SECONDS - start))" "$rc" >>"$SFSB_DEMO/steps"
  if [ "$rc" != 0 ]; then
    warn "step failed: $name"
    case "$name" in
      "three concurrent slice requests" | "containers hold the awarded limits" | decommission) return 1 ;;
      *) demo_report 1; demo_down >/dev/null 2>&1 || true; die "the demo stopped at: $name" ;;
    esac
  fi
}

demo_build() {
  (cd "$SFSB_ROOT" && mvn -B -q -ntp install -Dmaven.test.skip=true -Dspotless.check.skip=true \
    -pl chaincode,fog-node-agent,rp-agent,gateway-client -am) >"$SFSB_LOGS/demo-build.log" 2>&1 ||
    { tail -n 30 "$SFSB_LOGS/demo-build.log" >&2; return 1; }
  [ -f "$SFSB_ROOT/fog-node-agent/target/fog-node-agent.jar" ] &&
    [ -f "$SFSB_ROOT/rp-agent/target/rp-agent-0.1.0-SNAPSHOT-all.jar" ]
}

demo_docker() {
  if ! docker_answers; then
    docker_up
  fi
  docker_image
}

# demo_cli ARGS...: the operator CLI as a command of its own (cli_main replaces its shell).
demo_cli() {
  "$SFSB_ROOT/sfsbroker" cli "$@"
}

# demo_register ORG ID ROLE CERT: registers a participant; one that exists already is fine.
demo_register() {
  local out
  if out=$(demo_cli --org "$1" participant register --id "$2" --role "$3" --cert "$4" 2>&1); then
    return 0
  fi
  case "$out" in
    *CONFLICT*) return 0 ;;
    *) printf '%s\n' "$out" >&2; return 1 ;;
  esac
}

# demo_governance_change SETTING VALUE_JSON: changes a market-wide setting the only way there
# is: the broker's admin proposes, the providers' admin approves (two of the three peer orgs),
# the broker's admin applies.
demo_governance_change() {
  local id
  id=$(demo_cli governance propose "$1" "$2" --org broker --json | jq -r '.result.id') || return 1
  [ -n "$id" ] && [ "$id" != null ] || return 1
  demo_cli governance approve "$id" --org providers >/dev/null || return 1
  demo_cli governance apply "$id" --org broker >/dev/null || return 1
  say "governance: $1 changed by proposal $id (BrokerMSP proposed, ProvidersMSP approved)"
}

demo_participants() {
  local id out
  mkdir -p "$SFSB_DEMO/config"
  for id in $SFSB_DEMO_FOGS; do
    mqtt_issue "$id" fog-node >/dev/null
    demo_register tenants "$id" FOG_NODE "$SFSB_MQTT/clients/$id.crt" || return 1
    demo_fog_config "$id"
  done
  for id in $SFSB_DEMO_RPS; do
    mqtt_issue "$id" rp >/dev/null
    demo_register providers "$id" RESOURCE_PROVIDER "$SFSB_MQTT/clients/$id.crt" || return 1
    demo_rp_config "$id"
  done
  # Credits for the escrow: a treasury once per network, then each fog node up to 1,000,000.
  if ! out=$(demo_cli credits treasury 2>&1); then
    demo_governance_change treasury '{"treasuryOrgs":["BrokerMSP"]}' || return 1
  fi
  local balance
  for id in $SFSB_DEMO_FOGS; do
    balance=$(demo_cli credits balance "$id" --json | jq -r '.balance // 0')
    if [ "$balance" -lt 1000000 ]; then
      demo_cli credits mint "$id" $((1000000 - balance)) >/dev/null || return 1
    fi
  done
  say "registered $SFSB_DEMO_FOGS $SFSB_DEMO_RPS; each fog node holds 1,000,000 credits"
}

demo_device_json() {
  jq -n --arg id "$1" --arg role "$2" --arg url "ssl://$SFSB_HOST:$SFSB_MQTT_PORT" \
    --arg ca "$SFSB_MQTT_CA/ca.crt" --arg cert "$SFSB_MQTT/clients/$1.crt" \
    --arg key "$SFSB_MQTT/clients/$1.key" --arg state "$SFSB_DEMO/state/$1" \
    '{id: $id, role: $role, brokerUrl: $url, caFile: $ca, certFile: $cert, keyFile: $key,
      stateDir: $state}'
}

demo_fog_config() {
  jq -n --argjson device "$(demo_device_json "$1" fog-node)" \
    '{device: $device, requestTimeoutSeconds: 300, portCheckTimeoutMillis: 2000,
      portWaitSeconds: 30, httpCheck: true}' >"$SFSB_DEMO/config/$1.json"
}

demo_rp_config() {
  local index=${1#rp-}
  jq -n --argjson device "$(demo_device_json "$1" rp)" \
    --argjson categories "$(demo_rp_categories "$1")" \
    --arg docker "unix://$SFSB_DOCKER_SOCKET" --arg image "$SFSB_SLICE_IMAGE" \
    --argjson first $((20000 + (index - 1) * 250)) --argjson last $((20000 + index * 250 - 1)) \
    '{device: $device, categories: $categories, image: $image, dockerHost: $docker,
      portRange: {first: $first, last: $last}, bindAddress: "127.0.0.1",
      advertisedHost: "127.0.0.1"}' >"$SFSB_DEMO/config/$1.json"
}

demo_start_rps() {
  local id jar="$SFSB_ROOT/rp-agent/target/rp-agent-0.1.0-SNAPSHOT-all.jar"
  for id in $SFSB_DEMO_RPS; do
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
  for id in $SFSB_DEMO_RPS; do
    if ! wait_until 90 "rp-agent-$id" demo_rp_ready "$id"; then
      tail -n 20 "$SFSB_LOGS/rp-agent-$id.log" >&2
      return 1
    fi
  done
  say "RP agents running: $SFSB_DEMO_RPS (logs $SFSB_LOGS/rp-agent-*.log)"
}

# demo_rp_ready ID: the RP agent runs, is connected to the broker and has reconciled.
demo_rp_ready() {
  local from
  from=$(cat "$SFSB_DEMO/config/$1.log-start" 2>/dev/null || echo 0)
  is_running "rp-agent-$1" && tail -c "+$((from + 1))" "$SFSB_LOGS/rp-agent-$1.log" | grep -q "$1: reconciled"
}

demo_requests() {
  local id pids=() rc=0 pid
  local agent="$SFSB_ROOT/fog-node-agent/bin/fog-node-agent"
  for id in $SFSB_DEMO_FOGS; do
    local request=()
    mapfile -t request < <(demo_request_args "$id")
    FOG_NODE_AGENT_JAVA_OPTS="-Xlog:gc*:file=$SFSB_DEMO/reports/$id.gc.log" \
      "$agent" request -c "$SFSB_DEMO/config/$id.json" "${request[@]}" \
      --window "${SFSB_DEMO_WINDOW}s" --json --quiet \
      >"$SFSB_DEMO/reports/$id.json" 2>"$SFSB_DEMO/reports/$id.err" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || rc=1
  done
  for id in $SFSB_DEMO_FOGS; do
    if [ ! -s "$SFSB_DEMO/reports/$id.json" ]; then
      warn "$id: $(tail -n 3 "$SFSB_DEMO/reports/$id.err")"
      rc=1
    fi
  done
  return "$rc"
}

# demo_check_containers: for every slice, each winner's container runs with its limits.
demo_check_containers() {
  local id slice rc=0 containers
  for id in $SFSB_DEMO_FOGS; do
    slice=$(jq -r '.sliceId // empty' "$SFSB_DEMO/reports/$id.json" 2>/dev/null) || true
    [ -n "$slice" ] || { rc=1; continue; }
    containers=$(docker ps -q --filter "label=io.sfsbroker.slice=$slice")
    if [ -z "$containers" ]; then
      warn "no container runs for $slice"
      rc=1
      continue
    fi
    # shellcheck disable=SC2086
    docker inspect $containers | jq -r --arg fog "$id" '.[] |
      [$fog, .Config.Labels["io.sfsbroker.slice"], .Config.Labels["io.sfsbroker.rp"], .Name,
       (.HostConfig.NanoCpus / 1e6 | floor | tostring) + "m",
       (.HostConfig.Memory / 1048576 | floor | tostring) + "MiB",
       (if .HostConfig.Memory == .HostConfig.MemorySwap then "=mem" else "SWAP!" end),
       (.HostConfig.PidsLimit | tostring),
       (if .HostConfig.ReadonlyRootfs then "ro" else "RW!" end),
       ((.HostConfig.CapDrop // []) | join(",")),
       ((.HostConfig.SecurityOpt // []) | join(","))] | @tsv' >>"$SFSB_DEMO/containers.tsv"
  done
  return "$rc"
}

demo_decommission() {
  local id slice rc=0 left
  local agent="$SFSB_ROOT/fog-node-agent/bin/fog-node-agent"
  for id in $SFSB_DEMO_FOGS; do
    slice=$(jq -r 'select(.outcome == "CONFIRMED") | .sliceId' "$SFSB_DEMO/reports/$id.json" 2>/dev/null) || true
    [ -n "$slice" ] || continue
    "$agent" decommission -c "$SFSB_DEMO/config/$id.json" --quiet "$slice" >/dev/null 2>"$SFSB_DEMO/reports/$id.decommission.err" ||
      { warn "$id: decommission of $slice failed: $(tail -n 1 "$SFSB_DEMO/reports/$id.decommission.err")"; rc=1; continue; }
    if wait_until 60 "containers of $slice" demo_no_containers "$slice"; then
      printf '%s\t%s\tremoved\n' "$id" "$slice" >>"$SFSB_DEMO/decommissioned.tsv"
    else
      left=$(docker ps -q --filter "label=io.sfsbroker.slice=$slice" | wc -l)
      printf '%s\t%s\t%s containers left\n' "$id" "$slice" "$left" >>"$SFSB_DEMO/decommissioned.tsv"
      rc=1
    fi
  done
  return "$rc"
}

demo_no_containers() {
  [ -z "$(docker ps -aq --filter "label=io.sfsbroker.slice=$1")" ]
}

demo_report() {
  local status=$1 id file
  say ""
  say "================================ SFSBroker demo report ================================"
  for id in $SFSB_DEMO_FOGS; do
    file="$SFSB_DEMO/reports/$id.json"
    say ""
    if [ -s "$file" ]; then
      jq -r --arg fog "$id" --arg ask "$(demo_request_args "$id" | tr '\n' ' ')" '
        "\($fog): \($ask)",
        "  slice \(.sliceId): \(.outcome), state \(.state), total price \(.totalPrice)\(if .federated then " (federated)" else "" end)",
        "  winners:",
        (.parts[] | "    \(.category | . + " " * (16 - length)) \(.rpId)  amount \(.amount)  unit price \(.unitPrice)  price \(.price)"),
        "  endpoints:",
        (.ports[] | "    \(.category | . + " " * (16 - length)) \(.rpId)  \(.host):\(.port)  \(if .reached then "reached" else "NOT REACHED" end)\(if .httpStatus then " (HTTP \(.httpStatus))" else "" end) in \(.millis) ms"),
        "  timings (ms): receipt \(.timings.receipt), award \(.timings.award), handover \(.timings.handover), port checks \(.timings.portChecks), confirmation \(.timings.confirmation), end to end \(.timings.endToEnd)"
      ' "$file"
      local gc="$SFSB_DEMO/reports/$id.gc.log"
      if [ -f "$gc" ]; then
        say "  fog-node agent heap: -Xmx64m, $(grep -c 'Pause' "$gc" 2>/dev/null || echo 0) GC pauses"
      fi
    else
      say "$id: FAILED: $(tail -n 2 "$SFSB_DEMO/reports/$id.err" 2>/dev/null | tr '\n' ' ')"
    fi
  done
  if [ -s "$SFSB_DEMO/containers.tsv" ]; then
    say ""
    say "containers while in service (docker inspect):"
    printf '  %-6s %-28s %-5s %-40s %-7s %-8s %-5s %-5s %-3s %-4s %s\n' fog slice rp name cpus memory swap pids fs caps security
    while IFS=$'\t' read -r fog slice rp name cpu mem swap pids fs caps sec; do
      printf '  %-6s %-28s %-5s %-40s %-7s %-8s %-5s %-5s %-3s %-4s %s\n' "$fog" "$slice" "$rp" "${name#/}" "$cpu" "$mem" "$swap" "$pids" "$fs" "$caps" "$sec"
    done <"$SFSB_DEMO/containers.tsv"
  fi
  if [ -s "$SFSB_DEMO/decommissioned.tsv" ]; then
    say ""
    say "decommissioned:"
    while IFS=$'\t' read -r fog slice what; do
      say "  $fog $slice: containers $what"
    done <"$SFSB_DEMO/decommissioned.tsv"
  fi
  say ""
  say "steps (seconds):"
  while IFS=$'\t' read -r name seconds rc; do
    printf '  %-48s %4s s  %s\n' "$name" "$seconds" "$([ "$rc" = 0 ] && echo ok || echo FAILED)"
  done <"$SFSB_DEMO/steps"
  say ""
  if [ "$status" = 0 ]; then
    say "RESULT: every step succeeded"
  else
    say "RESULT: FAILED (see above; logs in $SFSB_LOGS, reports in $SFSB_DEMO/reports)"
  fi
  rm -f "$SFSB_DEMO/containers.tsv" "$SFSB_DEMO/decommissioned.tsv"
}

demo_down() {
  local id
  for id in $SFSB_DEMO_RPS; do
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
