# `./sfsbroker network prepare`: everything `network up --docker` needs before a node starts, and
# the node specs as JSON, for a launcher other than this script (test-support's JUnit extension
# starts the containers through Testcontainers). Sourced, never run.
#
# The launcher creates the Docker networks and containers nodes.json describes (the names,
# images, settings, mounts, ports and networks of ctr_spec: the one description of a node's
# container), waits until they are healthy, then runs `./sfsbroker network up`, which finds every
# node running, leaves it alone and creates the channel, joins the peers and deploys the
# chaincode as it does for containers it started itself.

SFSB_NODES_FILE="$SFSB_RUNTIME/docker/nodes.json"

# network_prepare: a Docker-mode runtime with crypto, rendered settings, each org's chaincode
# package (and so its package id, which its server's container needs), each node's staged
# identity and ledger folder, and $SFSB_NODES_FILE. Starts nothing.
network_prepare() {
  [ $# -eq 0 ] || { network_usage >&2; die "network prepare takes no options"; }
  network_prerequisites
  choose_network_mode 1
  docker_prerequisites
  mkdir -p "$SFSB_RUNTIME" "$SFSB_LOGS" "$SFSB_PIDS" "$SFSB_DATA" "$SFSB_CHANNEL_DIR"
  generate_crypto
  render_config
  local name org package_id
  for org in $(cc_orgs); do
    package_id=$(package_chaincode "$org") || die "packaging the chaincode for $org failed"
    printf '%s' "$package_id" >"$(cc_org_dir "$org")/package-id"
  done
  for name in $(orderer_names); do ctr_running "$name" || ctr_prepare_orderer "$name"; done
  for name in $(peer_names); do ctr_running "$name" || ctr_prepare_peer "$name"; done
  for name in $(cc_server_names); do ctr_running "$name" || ctr_prepare_cc_server "$name"; done
  write_nodes_file
  say "Prepared $SFSB_RUNTIME; the node specs are in $SFSB_NODES_FILE. Start those containers, then ./sfsbroker network up."
}

# json_strings VALUE...: a JSON array of the values as strings.
json_strings() {
  if [ $# -eq 0 ]; then printf '[]'; return 0; fi
  printf '%s\n' "$@" | jq -R . | jq -cs .
}

# node_spec_json NAME: node NAME's container as JSON, from ctr_spec.
node_spec_json() {
  local name=$1
  ctr_spec "$name"
  jq -cn --arg name "$name" --arg container "$(ctr_name "$name")" --arg hostname "$(node_fqdn "$name")" \
    --arg image "$CTR_IMAGE" --arg user "$(ctr_user)" \
    --argjson env "$(json_strings "${CTR_ENV[@]}")" --argjson ports "$(json_strings "${CTR_PORTS[@]}")" \
    --argjson mounts "$(json_strings "${CTR_MOUNTS[@]}")" --argjson networks "$(json_strings "${CTR_NETS[@]}")" \
    --argjson labels "$(json_strings "io.sfsbroker.runtime=$SFSB_RUNTIME" "io.sfsbroker.node=$name" "${CTR_LABELS[@]}")" \
    '{name: $name, container: $container, hostname: $hostname, image: $image, user: $user,
      env: $env, ports: $ports, mounts: $mounts, networks: $networks, labels: $labels}'
}

# write_nodes_file: $SFSB_NODES_FILE: the Docker networks (name, internal) and every node's
# container, orderers first, then peers, then chaincode servers. ports are HOST_IP:HOST:CONTAINER,
# mounts SOURCE:TARGET[:ro], env and labels KEY=VALUE; a node's first network is where it is
# created, the others are joined under the same alias (its hostname).
write_nodes_file() {
  local name org file="$SFSB_NODES_FILE.tmp"
  mkdir -p "$(dirname "$SFSB_NODES_FILE")"
  {
    jq -cn --arg name "$(ctr_network)" '{name: $name, internal: false}'
    for org in $(cc_orgs); do
      jq -cn --arg name "$(ctr_cc_network "$org")" '{name: $name, internal: true}'
    done
  } | jq -s . >"$file.networks"
  for name in $(orderer_names) $(peer_names) $(cc_server_names); do
    node_spec_json "$name"
  done | jq -s . >"$file.nodes"
  jq -n --arg runtime "$SFSB_RUNTIME" --arg offset "$SFSB_PORT_OFFSET" --arg netlabel "io.sfsbroker.runtime=$SFSB_RUNTIME" \
    --slurpfile networks "$file.networks" --slurpfile nodes "$file.nodes" \
    '{runtime: $runtime, portOffset: ($offset | tonumber), networkLabel: $netlabel,
      networks: $networks[0], nodes: $nodes[0]}' >"$file"
  rm -f "$file.networks" "$file.nodes"
  mv "$file" "$SFSB_NODES_FILE"
}
