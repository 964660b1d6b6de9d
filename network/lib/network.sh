# `./sfsbroker network …`: bring the five-orderer Raft network up, report on it, take it down.
# Sourced, never run.

SFSB_CHANNEL_DIR="$SFSB_RUNTIME/channel"

network_usage() {
  cat <<'USAGE'
Usage: ./sfsbroker network <command>

  up [--docker [--routed]] [--batch-timeout 1s] [--max-message-count 10]
                      start five orderers, three peers and one chaincode server per peer org,
                      create the channel, deploy the chaincode (each org its own package);
                      returns once a transaction commits. --docker: each node in its own
                      container (images of ./sfsbroker images), reachable by its DNS name on a
                      Docker network of this runtime, ports published on 127.0.0.1; also writes
                      $SFSB_RUNTIME/docker/compose.yaml. The runtime remembers the mode: the
                      commands below act on containers then (docs/deploy.md). --routed: each
                      orderer and each peer org on a Docker network (subnet) of its own, as on
                      machines of their own, joined only through a router container
  prepare             a Docker-mode runtime ready for its containers (crypto, settings,
                      chaincode packages, each node's identity) and the node specs in
                      $SFSB_RUNTIME/docker/nodes.json, for a launcher such as test-support's
                      JUnit extension (Testcontainers); starts nothing. Then `up` does the rest
  bundle ORG [--out DIR] [--address HOST=IP]...
                      a deployment bundle for one org's machine: its identities, compose
                      file, the other hosts' addresses, its steps (docs/deploy.md)
  status [--json]     what runs, block heights, the Raft leader, the paths CLI users need
  down [--purge]      stop what `up` started (by pid); --purge also deletes ledgers and crypto
  down --kill         SIGKILL every node at once, as a power loss would (the ledgers stay)
  stop NODE [--kill]  stop one orderer, peer or chaincode server (chaincode.broker,
                      chaincode.providers, chaincode.tenants; `chaincode` means all three)
                      (--kill: SIGKILL, a crash)
  start NODE          start one stopped node (or `chaincode`: every stopped chaincode server)
USAGE
}

network_main() {
  local command=${1:-}
  [ $# -gt 0 ] && shift
  case "$command" in
    up) network_up "$@" ;;
    prepare) network_prepare "$@" ;;
    status) network_status "$@" ;;
    down) network_down "$@" ;;
    stop) network_stop_node "$@" ;;
    start) network_start_node "$@" ;;
    bundle) bundle_main "$@" ;;
    -h | --help | help | "") network_usage ;;
    *) network_usage >&2; die "unknown network command: $command" ;;
  esac
}

all_node_names() {
  orderer_names
  peer_names
}

# Every process `up` starts, in the order `down` stops them (the chaincode servers first; the
# single server of the earlier layout, if one still runs, with them).
all_process_names() {
  printf '%s\n' "$SFSB_CC_LEGACY"
  cc_server_names
  peer_names
  orderer_names
}

render_config() {
  mkdir -p "$SFSB_RENDERED"
  sed "s#@CCAAS_BUILDER@#$SFSB_ROOT/network/ccaas-builder#" "$SFSB_CONFIG_DIR/core.yaml" >"$SFSB_RENDERED/core.yaml"
}

render_configtx() {
  local batch_timeout=$1 max_count=$2 script="" name port row i=1
  script+="s#@CRYPTO@#$SFSB_CRYPTO#g;"
  script+="s#@BATCH_TIMEOUT@#$batch_timeout#g;s#@MAX_MESSAGE_COUNT@#$max_count#g;"
  for name in $(orderer_names); do
    script+="s#@ORDERER_PORT_$i@#$(orderer_field "$name" 2)#g;s#@ORDERER_HOST_$i@#$(node_host "$name")#g;"
    i=$((i + 1))
  done
  for row in "${SFSB_PEERS[@]}"; do
    set -- $row
    script+="s#@PEER_PORT_$2@#$4#g;s#@PEER_HOST_$2@#$(node_host "$1")#g;"
  done
  sed "$script" "$SFSB_CONFIG_DIR/configtx.yaml" >"$SFSB_RENDERED/configtx.yaml"
  if grep -v '^ *#' "$SFSB_RENDERED/configtx.yaml" | grep -q '@[A-Z_a-z0-9]*@'; then
    die "configtx.yaml has placeholders that network.env does not fill: $(grep -o '@[A-Z_a-z0-9]*@' "$SFSB_RENDERED/configtx.yaml" | sort -u | tr '\n' ' ')"
  fi
}

generate_crypto() {
  if [ -d "$SFSB_CRYPTO/ordererOrganizations" ]; then
    # A runtime from before each org had its own chaincode server lacks those identities:
    # cryptogen extend adds what crypto-config.yaml names and the folder lacks, from the orgs'
    # existing CAs, and changes nothing that exists.
    local org missing=0
    for org in $(cc_orgs); do
      [ -f "$(cc_server_tls "$org")/server.key" ] || missing=1
    done
    if [ "$missing" = 1 ]; then
      step "adding each org's chaincode server identity (cryptogen extend)"
      "$FABRIC_BIN/cryptogen" extend --config "$SFSB_CONFIG_DIR/crypto-config.yaml" --input "$SFSB_CRYPTO" >/dev/null ||
        die "cryptogen extend failed"
      restrict_keys "$SFSB_CRYPTO"
    fi
    return 0
  fi
  step "generating the network's identities (cryptogen)"
  "$FABRIC_BIN/cryptogen" generate --config "$SFSB_CONFIG_DIR/crypto-config.yaml" --output "$SFSB_CRYPTO" >/dev/null ||
    die "cryptogen failed"
  restrict_keys "$SFSB_CRYPTO"
}

valid_duration() { [[ $1 =~ ^[0-9]+(\.[0-9]+)?(ms|s|m)$ ]]; }

network_prerequisites() {
  require_tool java "install a Java 17 JDK"
  require_tool mvn "install Maven 3.8 or newer"
  require_tool jq "install jq (apt-get install jq)"
  require_tool curl "install curl"
  require_tool setsid "install util-linux"
  ensure_fabric_binaries
}

network_running() {
  local name
  for name in $(all_node_names) $(cc_server_names); do
    node_running "$name" || return 1
  done
  [ -f "$SFSB_RUNTIME/network.json" ]
}

network_up() {
  local batch_timeout="" max_count="" docker=0 routed=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --docker) docker=1; shift ;;
      --routed) routed=1; shift ;;
      --batch-timeout) batch_timeout=${2:-}; shift 2 || die "--batch-timeout needs a value such as 1s" ;;
      --batch-timeout=*) batch_timeout=${1#*=}; shift ;;
      --max-message-count) max_count=${2:-}; shift 2 || die "--max-message-count needs a number" ;;
      --max-message-count=*) max_count=${1#*=}; shift ;;
      *) network_usage >&2; die "unknown option for network up: $1" ;;
    esac
  done
  if [ -n "$batch_timeout" ] && ! valid_duration "$batch_timeout"; then
    die "--batch-timeout must be a duration such as 500ms, 0.5s or 2s, not '$batch_timeout'"
  fi
  if [ -n "$max_count" ] && ! [[ $max_count =~ ^[1-9][0-9]{0,4}$ ]]; then
    die "--max-message-count must be a whole number from 1 to 99999, not '$max_count'"
  fi

  [ "$routed" = 0 ] || [ "$docker" = 1 ] || docker_mode || die "--routed lays out the Docker network: use it with --docker"
  network_prerequisites
  choose_network_mode "$docker"
  docker_mode && docker_prerequisites
  if [ "$routed" = 1 ] && ! routed_mode; then
    [ -d "$SFSB_CRYPTO/ordererOrganizations" ] &&
      die "$SFSB_RUNTIME already holds a Docker network that is not routed; use another SFSB_RUNTIME, or remove this one first (./sfsbroker network down --purge)"
    routed_enable
  fi
  if network_running; then
    say "The network is already running (channel $SFSB_CHANNEL). \`./sfsbroker network status\` shows it."
    if [ -n "$batch_timeout$max_count" ]; then
      configure_batching "${batch_timeout:-}" "${max_count:-}"
    fi
    return 0
  fi

  local name port
  for name in $(orderer_names); do
    node_running "$name" && continue
    for port in $(orderer_field "$name" 2) $(orderer_field "$name" 3) $(orderer_field "$name" 4); do
      port_taken "$port" && die "port $port ($name) is taken by another process; free it or change test-network-config/network.env"
    done
  done
  for name in $(peer_names); do
    node_running "$name" && continue
    port=$(peer_field "$name" 4)
    for port in $port $((port + 1)) $(peer_field "$name" 5); do
      port_taken "$port" && die "port $port ($name) is taken by another process; free it or change test-network-config/network.env"
    done
  done

  mkdir -p "$SFSB_RUNTIME" "$SFSB_LOGS" "$SFSB_PIDS" "$SFSB_DATA" "$SFSB_CHANNEL_DIR"
  generate_crypto
  render_config
  docker_mode && ctr_ensure_networks

  step "starting the orderers"
  for name in $(orderer_names); do start_orderer "$name"; done
  for name in $(orderer_names); do wait_orderer_ready "$name"; done

  local block="$SFSB_CHANNEL_DIR/$SFSB_CHANNEL.block" fresh_channel=0
  if [ ! -f "$block" ]; then
    fresh_channel=1
    render_configtx "${batch_timeout:-1s}" "${max_count:-10}"
    step "creating the channel $SFSB_CHANNEL (BatchTimeout ${batch_timeout:-1s}, MaxMessageCount ${max_count:-10})"
    "$FABRIC_BIN/configtxgen" -configPath "$SFSB_RENDERED" -profile SFSBrokerChannel \
      -channelID "$SFSB_CHANNEL" -outputBlock "$block" >"$SFSB_LOGS/configtxgen.log" 2>&1 ||
      { cat "$SFSB_LOGS/configtxgen.log" >&2; die "configtxgen failed"; }
    record_batching "${batch_timeout:-1s}" "${max_count:-10}"
  fi
  for name in $(orderer_names); do
    if ! osnadmin_on "$name" channel list --channelID "$SFSB_CHANNEL" 2>/dev/null | grep -q '^Status: 200'; then
      osnadmin_on "$name" channel join --channelID "$SFSB_CHANNEL" --config-block "$block" >"$SFSB_LOGS/join-$name.log" 2>&1 ||
        { cat "$SFSB_LOGS/join-$name.log" >&2; die "$name could not join $SFSB_CHANNEL"; }
    fi
  done

  step "starting the peers"
  for name in $(peer_names); do start_peer "$name"; done
  for name in $(peer_names); do
    wait_until 60 "$name" healthy "$(org_tls_ca "$(peer_field "$name" 2)")" "$(peer_field "$name" 5)" ||
      die "$name did not become healthy within 60 s; see $SFSB_LOGS/$name.log"
  done
  local org
  for name in $(peer_names); do join_peer "$name" "$block"; done

  wait_until 60 "a Raft leader" raft_leader ||
    die "the orderers elected no Raft leader within 60 s; see the orderer logs in $SFSB_LOGS"

  if [ "$fresh_channel" = 0 ] && [ -n "$batch_timeout$max_count" ]; then
    configure_batching "$batch_timeout" "$max_count"
  fi

  deploy_chaincode
  step "proving that a transaction commits"
  prove_commit
  for name in $(peer_names); do
    wait_until 60 "$name's gossip" peer_knows_all "$name" ||
      die "$name does not see the other peers through gossip within 60 s; see $SFSB_LOGS/$name.log"
  done
  write_network_json
  if docker_mode; then
    if routed_mode; then
      # Compose cannot add the routes (nsenter after each start): no compose file for --routed;
      # `network bundle ORG` writes the compose file of one org's machine.
      rm -f "$SFSB_COMPOSE_FILE"
      say "Each orderer and each peer org runs on a Docker network of its own, joined by the router $(routed_router) (layout: $SFSB_ROUTED_JSON)."
    else
      write_compose_file
      say "Each node runs in its own container on the Docker network $(ctr_network); compose file: $SFSB_COMPOSE_FILE"
    fi
  fi
  say "The network is up: channel $SFSB_CHANNEL, chaincode $SFSB_CHAINCODE. Details: ./sfsbroker network status"
}

# raft_leader: prints the name of the orderer that leads the channel's Raft cluster.
raft_leader() {
  local name
  for name in $(orderer_names); do
    node_running "$name" || continue
    if orderer_is_leader "$name"; then
      printf '%s\n' "$name"
      return 0
    fi
  done
  return 1
}

network_down() {
  local purge=0 kill=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --purge) purge=1; shift ;;
      --kill) kill=1; shift ;;
      *) die "unknown option for network down: $1" ;;
    esac
  done
  [ "$purge" = 1 ] && [ "$kill" = 1 ] && die "--kill and --purge do not go together: a crash keeps the ledgers"
  local name stopped=0
  if docker_mode; then
    docker_answers || die "no Docker engine answers on unix://$SFSB_DOCKER_SOCKET; the containers of this network run there"
    if [ "$kill" = 1 ]; then ctr_down --kill; else ctr_down; fi
    rm -f "$SFSB_RUNTIME/network.json"
    say "Stopped $CTR_STOPPED container(s)$([ "$kill" = 1 ] && printf ' with SIGKILL')."
    if [ "$purge" = 1 ]; then
      safe_rm_rf "$SFSB_RUNTIME"
      say "Removed ledgers, crypto material and logs ($SFSB_RUNTIME)."
    fi
    return 0
  fi
  if [ "$kill" = 1 ]; then
    # A power loss: every node gets SIGKILL at the same moment, none can flush or say goodbye.
    local -a pids=()
    for name in $(all_process_names); do
      is_running "$name" && pids+=("$(pid_of "$name")")
    done
    [ ${#pids[@]} -gt 0 ] && kill -KILL "${pids[@]}" 2>/dev/null
    local pid
    for pid in "${pids[@]}"; do
      wait_gone "$pid" || warn "pid $pid outlived SIGKILL for 10 s"
    done
    for name in $(all_process_names); do
      rm -f "$SFSB_PIDS/$name.pid" "$SFSB_PIDS/$name.cmd" "$SFSB_PIDS/$name.start"
    done
    rm -f "$SFSB_RUNTIME/network.json"
    say "Killed ${#pids[@]} process(es)."
    return 0
  fi
  for name in $(all_process_names); do
    if is_running "$name"; then
      stop_process "$name"
      stopped=$((stopped + 1))
    else
      rm -f "$SFSB_PIDS/$name.pid" "$SFSB_PIDS/$name.cmd" "$SFSB_PIDS/$name.start"
    fi
  done
  say "Stopped $stopped process(es)."
  rm -f "$SFSB_RUNTIME/network.json"
  if [ "$purge" = 1 ]; then
    safe_rm_rf "$SFSB_RUNTIME"
    say "Removed ledgers, crypto material and logs ($SFSB_RUNTIME)."
  fi
}

node_kind() {
  if [ "$1" = chaincode ]; then printf chaincodes; return 0; fi
  is_cc_server "$1" && { printf chaincode; return 0; }
  orderer_field "$1" 1 >/dev/null && { printf orderer; return 0; }
  peer_field "$1" 1 >/dev/null && { printf peer; return 0; }
  die "unknown node '$1'; known: $(all_node_names | tr '\n' ' ')$(cc_server_names | tr '\n' ' ')chaincode (all three servers)"
}

network_stop_node() {
  local name=${1:-} kill=0
  [ -n "$name" ] || die "network stop needs a node name"
  [ "${2:-}" = --kill ] && kill=1
  local kind
  kind=$(node_kind "$name") || exit 1
  if [ "$kind" = chaincodes ]; then
    local server
    for server in $(cc_server_names); do
      if [ "$kill" = 1 ]; then stop_one_node "$server" --kill; else stop_one_node "$server"; fi
    done
    return 0
  fi
  stop_one_node "$@"
}

stop_one_node() {
  local name=$1 kill=0
  [ "${2:-}" = --kill ] && kill=1
  if ! node_running "$name"; then
    say "$name is not running."
    return 0
  fi
  if docker_mode; then
    ctr_stop "$name" "${2:-}"
    say "$([ "$kill" = 1 ] && printf Killed || printf Stopped) $name (container $(ctr_name "$name"))."
    return 0
  fi
  if [ "$kill" = 1 ]; then
    local pid
    pid=$(pid_of "$name")
    kill -KILL "$pid"
    wait_gone "$pid" || warn "pid $pid outlived SIGKILL for 10 s"
    rm -f "$SFSB_PIDS/$name.pid" "$SFSB_PIDS/$name.cmd" "$SFSB_PIDS/$name.start"
    say "Killed $name (pid $pid)."
  else
    stop_process "$name"
    say "Stopped $name."
  fi
}

network_start_node() {
  local name=${1:-}
  [ -n "$name" ] || die "network start needs a node name"
  ensure_fabric_binaries
  [ -d "$SFSB_CRYPTO" ] || die "the network was never brought up; run ./sfsbroker network up"
  docker_mode && docker_prerequisites
  local kind
  kind=$(node_kind "$name") || exit 1
  case "$kind" in
    orderer)
      start_orderer "$name"
      wait_orderer_ready "$name"
      ;;
    peer)
      start_peer "$name"
      wait_until 60 "$name" healthy "$(org_tls_ca "$(peer_field "$name" 2)")" "$(peer_field "$name" 5)" ||
        die "$name did not become healthy within 60 s; see $SFSB_LOGS/$name.log"
      ;;
    chaincode) start_chaincode_server "$name" ;;
    chaincodes)
      local server
      for server in $(cc_server_names); do
        start_chaincode_server "$server"
        say "Started $server ($(node_where "$server"))."
      done
      return 0
      ;;
  esac
  say "Started $name ($(node_where "$name"))."
}

# node_where NAME: how a started node is found: its pid, or its container.
node_where() {
  if docker_mode; then printf 'container %s' "$(ctr_name "$1")"; else printf 'pid %s' "$(pid_of "$1")"; fi
}

# choose_network_mode DOCKER: records the mode of a new runtime (docker when DOCKER is 1); a
# runtime that already holds a network keeps its mode, and asking for the other one is an error.
choose_network_mode() {
  local wanted=native current
  [ "$1" = 1 ] && wanted=docker
  current=$(network_mode)
  if [ -d "$SFSB_CRYPTO/ordererOrganizations" ] || [ -f "$SFSB_MODE_FILE" ]; then
    if [ "$1" = 1 ] && [ "$current" != docker ]; then
      die "$SFSB_RUNTIME holds a native network; bring the Docker one up in another SFSB_RUNTIME, or remove this one first (./sfsbroker network down --purge)"
    fi
    [ "$current" = docker ] && [ "$1" = 0 ] && say "This runtime runs its network in Docker (network up --docker); continuing in Docker."
    return 0
  fi
  mkdir -p "$SFSB_RUNTIME"
  [ "$wanted" = docker ] && printf docker >"$SFSB_MODE_FILE"
  return 0
}

# join_peer NAME BLOCK: makes peer NAME a member of the channel. A peer that answers `channel list`
# late or wrongly just after its start (seen under load) is asked again, and a join answered
# "already exists" means it is a member: a restart never fails on a channel the peer has.
join_peer() {
  local name=$1 block=$2 org attempt
  org=$(peer_field "$name" 2)
  for attempt in 1 2 3 4 5; do
    if as_org_admin "$org" "$FABRIC_BIN/peer" channel list 2>/dev/null | grep -qx "$SFSB_CHANNEL"; then
      return 0
    fi
    if as_org_admin "$org" "$FABRIC_BIN/peer" channel join -b "$block" >"$SFSB_LOGS/join-$name.log" 2>&1 ||
      grep -q "already exists" "$SFSB_LOGS/join-$name.log"; then
      return 0
    fi
    sleep 2
  done
  cat "$SFSB_LOGS/join-$name.log" >&2
  die "$name could not join $SFSB_CHANNEL (5 attempts)"
}
