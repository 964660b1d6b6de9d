# `./sfsbroker network up --docker`: the same network, one container per node. Sourced, never run.
#
# Every step that is not about starting a node (crypto, channel, joins, chaincode, batching,
# status) is the native one of network.sh, nodes.sh and chaincode.sh, run from this host against
# the ports the containers publish on 127.0.0.1 (the node certificates carry 127.0.0.1 besides the
# node's DNS name). Only the launch differs: each node gets a container from the images of
# `./sfsbroker images`, started with the settings of orderer_env / peer_env / cc_server_env, on a
# Docker network where the nodes reach one another by their DNS names (node_fqdn), which their
# certificates carry. Each org's chaincode server sits on a network of its own (internal: no
# route out) that only that org's peer also joins.
#
# Containers and networks are named after the runtime folder and the port offset, so two
# runtimes (two helpers, two tests) never share one. Each container gets a copy of just its own
# identity (never the whole crypto folder) under $SFSB_RUNTIME/docker/nodes/NAME, and its ledger
# in $SFSB_DATA/NAME, both owned by the image's user.

SFSB_CTR_NODES="$SFSB_RUNTIME/docker/nodes"
SFSB_COMPOSE_FILE="$SFSB_RUNTIME/docker/compose.yaml"
# Inside the containers: the node's identity (read-only) and its ledger.
SFSB_CTR_IDENTITY=/etc/sfsb/node
SFSB_CTR_DATA=/var/hyperledger/production

# ctr_prefix: what every container and network of this runtime is named with.
ctr_prefix() {
  printf 'sfsb%s-%s' "$SFSB_PORT_OFFSET" "$(printf '%s' "$(realpath -m "$SFSB_RUNTIME")" | sha256sum | cut -c1-8)"
}
ctr_name() { printf '%s-%s' "$(ctr_prefix)" "$1"; }
ctr_network() { printf '%s-net' "$(ctr_prefix)"; }
ctr_cc_network() { printf '%s-cc-%s' "$(ctr_prefix)" "$1"; }

ctr_exists() { docker_cli container inspect "$(ctr_name "$1")" >/dev/null 2>&1; }
ctr_running() {
  [ "$(docker_cli container inspect --format '{{.State.Running}}' "$(ctr_name "$1")" 2>/dev/null)" = true ]
}
ctr_health() { docker_cli container inspect --format '{{.State.Health.Status}}' "$(ctr_name "$1")" 2>/dev/null; }
ctr_healthy() { [ "$(ctr_health "$1")" = healthy ]; }

# ctr_user: who the containers run as: the images' user when this tool runs as root (it hands
# that user the copies of the keys), else the caller's own uid, which owns them already.
ctr_user() {
  if [ "$(id -u)" = 0 ]; then printf '%s:%s' "$SFSB_IMAGE_UID" "$SFSB_IMAGE_UID"; else printf '%s:%s' "$(id -u)" "$(id -g)"; fi
}
ctr_own() {
  if [ "$(id -u)" = 0 ]; then chown -R "$SFSB_IMAGE_UID:$SFSB_IMAGE_UID" "$@"; fi
}

docker_prerequisites() {
  require_tool docker "install the Docker CLI (as root: apt-get install docker.io)"
  docker_answers || die "no Docker engine answers on unix://$SFSB_DOCKER_SOCKET; run ./sfsbroker docker up"
  local kind
  for kind in orderer peer chaincode; do ensure_image "$kind"; done
}

ctr_ensure_networks() {
  local org net
  net=$(ctr_network)
  if routed_mode; then
    routed_ensure_networks
  else
    docker_cli network inspect "$net" >/dev/null 2>&1 ||
      docker_cli network create --label "io.sfsbroker.runtime=$SFSB_RUNTIME" "$net" >/dev/null ||
      die "could not create the Docker network $net"
  fi
  for org in $(cc_orgs); do
    net=$(ctr_cc_network "$org")
    docker_cli network inspect "$net" >/dev/null 2>&1 ||
      docker_cli network create --internal --label "io.sfsbroker.runtime=$SFSB_RUNTIME" "$net" >/dev/null ||
      die "could not create the Docker network $net"
  done
}

# ctr_stage NAME FILE=SOURCE...: a fresh copy of the node's identity in its folder, for the
# container to mount read-only; SOURCE may be a folder.
ctr_stage() {
  local name=$1 dir item
  shift
  dir="$SFSB_CTR_NODES/$name"
  [ -d "$dir" ] && safe_rm_rf "$dir"
  mkdir -p "$dir"
  for item in "$@"; do
    cp -rL "${item#*=}" "$dir/${item%%=*}"
  done
  restrict_keys "$dir"
  ctr_own "$dir"
}

# ctr_spec NAME: what node NAME's container is made of, in CTR_* variables that ctr_create and
# compose_service both render: image, environment, published ports, mounts, networks.
ctr_spec() {
  local name=$1 org port
  CTR_ENV=() CTR_PORTS=() CTR_MOUNTS=() CTR_NETS=("$(ctr_network)") CTR_LABELS=() CTR_IP="" CTR_HOSTS=()
  CTR_MOUNTS+=("$SFSB_CTR_NODES/$name:$SFSB_CTR_IDENTITY:ro")
  if orderer_field "$name" 1 >/dev/null; then
    CTR_IMAGE=$(image_ref orderer)
    mapfile -t CTR_ENV < <(orderer_env "$name" 0.0.0.0 "$SFSB_CTR_IDENTITY" "$SFSB_CTR_IDENTITY/tlsca.pem" "$SFSB_CTR_DATA")
    for port in $(orderer_field "$name" 2) $(orderer_field "$name" 3) $(orderer_field "$name" 4); do
      CTR_PORTS+=("$SFSB_HOST:$port:$port")
    done
    CTR_ENV+=("SFSB_HEALTH_URL=https://127.0.0.1:$(orderer_field "$name" 4)/healthz" "SFSB_HEALTH_CA=$SFSB_CTR_IDENTITY/tls/ca.crt")
    CTR_MOUNTS+=("$SFSB_DATA/$name:$SFSB_CTR_DATA")
  elif peer_field "$name" 1 >/dev/null; then
    org=$(peer_field "$name" 2)
    CTR_IMAGE=$(image_ref peer)
    mapfile -t CTR_ENV < <(peer_env "$name" 0.0.0.0 "$SFSB_CTR_IDENTITY" "$SFSB_CTR_DATA")
    for port in $(peer_field "$name" 4) $(peer_field "$name" 5); do
      CTR_PORTS+=("$SFSB_HOST:$port:$port")
    done
    CTR_ENV+=("SFSB_HEALTH_URL=https://127.0.0.1:$(peer_field "$name" 5)/healthz" "SFSB_HEALTH_CA=$SFSB_CTR_IDENTITY/tls/ca.crt")
    CTR_MOUNTS+=("$SFSB_DATA/$name:$SFSB_CTR_DATA")
    [ "$(peer_of_org "$org")" = "$name" ] && CTR_NETS+=("$(ctr_cc_network "$org")")
  else
    org=$(cc_server_org "$name")
    CTR_IMAGE=$(image_ref chaincode)
    CTR_NETS=("$(ctr_cc_network "$org")")
    mapfile -t CTR_ENV < <(cc_server_env "$name" 0.0.0.0 "$SFSB_CTR_IDENTITY/tls" "$SFSB_CTR_IDENTITY" "$SFSB_CTR_IDENTITY/client-ca.pem")
    CTR_ENV+=("SFSB_HEALTH_TCP=127.0.0.1:$(cc_server_port "$name")" "JDK_JAVA_OPTIONS=${SFSB_CHAINCODE_JAVA_OPTS:--Xmx384m}")
    CTR_LABELS+=("io.sfsbroker.package=$(cc_package_id "$org")")
  fi
  ctr_spec_routed "$name"
}

# ctr_spec_routed NAME: with --routed (network/lib/routed.sh), an orderer or peer sits on its own
# host's network at a fixed address (CTR_IP) and reaches the others by the routed addresses of
# CTR_HOSTS ("fqdn:address").
ctr_spec_routed() {
  routed_mode && ! is_cc_server "$1" || return 0
  CTR_NETS[0]=$(routed_network "$(routed_host_of "$1")")
  CTR_IP=$(routed_node_ip "$1")
  mapfile -t CTR_HOSTS < <(routed_extra_hosts "$1")
}

# ctr_create NAME: replaces node NAME's container (stopped, or from an earlier image) by a new one
# from its spec and starts it. The ledger lives in the mounted folder, so nothing is lost.
ctr_create() {
  local name=$1 container net env port mount label host
  container=$(ctr_name "$name")
  ctr_spec "$name"
  docker_cli rm -f "$container" >/dev/null 2>&1 || true
  local -a args=(create --name "$container" --hostname "$(node_fqdn "$name")" --user "$(ctr_user)"
    --network "${CTR_NETS[0]}" --network-alias "$(node_fqdn "$name")" --stop-timeout 10
    --label "io.sfsbroker.runtime=$SFSB_RUNTIME" --label "io.sfsbroker.node=$name")
  for env in "${CTR_ENV[@]}"; do args+=(-e "$env"); done
  for port in "${CTR_PORTS[@]}"; do args+=(-p "$port"); done
  for mount in "${CTR_MOUNTS[@]}"; do args+=(-v "$mount"); done
  for label in "${CTR_LABELS[@]}"; do args+=(--label "$label"); done
  [ -n "$CTR_IP" ] && args+=(--ip "$CTR_IP")
  for host in "${CTR_HOSTS[@]}"; do args+=(--add-host "$host"); done
  # dockerd run with --ip-forward=false warns on every create that forwarding is off; the nodes
  # talk over their bridge and the published loopback ports, which need no forwarding.
  local out
  out=$(docker_cli "${args[@]}" "$CTR_IMAGE" 2>&1 >/dev/null) || die "could not create the container of $name: $out"
  for net in "${CTR_NETS[@]:1}"; do
    docker_cli network connect --alias "$(node_fqdn "$name")" "$net" "$container" ||
      die "could not connect $container to $net"
  done
  docker_cli start "$container" >/dev/null || die "could not start $container; see docker logs $container"
  if [ -n "$CTR_IP" ]; then routed_add_routes "$name"; fi
}

ctr_start_orderer() {
  ctr_running "$1" && return 0
  ctr_prepare_orderer "$1"
  ctr_create "$1"
}

# ctr_prepare_orderer NAME: the identity and ledger folders orderer NAME's container mounts.
ctr_prepare_orderer() {
  local name=$1 home
  home=$(orderer_home "$name")
  ctr_stage "$name" "msp=$home/msp" "tls=$home/tls" "tlsca.pem=$(orderer_tls_ca)"
  mkdir -p "$SFSB_DATA/$name"
  ctr_own "$SFSB_DATA/$name"
}

ctr_start_peer() {
  ctr_running "$1" && return 0
  ctr_prepare_peer "$1"
  ctr_create "$1"
}

# ctr_prepare_peer NAME: the identity and ledger folders peer NAME's container mounts.
ctr_prepare_peer() {
  local name=$1 home
  home=$(peer_home "${name%%.*}" "$(peer_field "$name" 2)")
  ctr_stage "$name" "msp=$home/msp" "tls=$home/tls"
  mkdir -p "$SFSB_DATA/$name"
  ctr_own "$SFSB_DATA/$name"
}

# ctr_start_cc_server NAME PACKAGE_ID: starts the org's chaincode server container as PACKAGE_ID;
# one already running as that id is left alone. Returns once its health check passes.
ctr_start_cc_server() {
  local name=$1 package_id=$2 running
  if ctr_running "$name"; then
    running=$(docker_cli container inspect --format '{{index .Config.Labels "io.sfsbroker.package"}}' "$(ctr_name "$name")")
    [ "$running" = "$package_id" ] && return 0
  fi
  ctr_prepare_cc_server "$name"
  ctr_create "$name"
  wait_until 90 "$name" ctr_healthy "$name" ||
    die "$name did not become healthy within 90 s: $(docker_cli logs --tail 20 "$(ctr_name "$name")" 2>&1)"
}

# ctr_prepare_cc_server NAME: the TLS identity (and its base64 copies) chaincode server NAME's
# container mounts.
ctr_prepare_cc_server() {
  local name=$1 tls
  tls=$(cc_server_tls "$(cc_server_org "$name")")
  ctr_stage "$name" "tls=$tls" "client-ca.pem=$(org_tls_ca "$(cc_server_org "$name")")"
  cc_server_b64 "$tls" "$SFSB_CTR_NODES/$name"
  ctr_own "$SFSB_CTR_NODES/$name"
}

# ctr_stop NAME [--kill]: stops node NAME's container (SIGTERM, then SIGKILL after 10 s), or kills
# it at once (a crash). The container stays, for its logs, until the next start replaces it.
ctr_stop() {
  local container
  container=$(ctr_name "$1")
  if [ "${2:-}" = --kill ]; then
    docker_cli kill "$container" >/dev/null 2>&1 || true
  else
    docker_cli stop -t 10 "$container" >/dev/null 2>&1 || true
  fi
  ctr_save_log "$1"
}

# ctr_save_log NAME: the container's output, into the node's log file where the native node would
# write it.
ctr_save_log() {
  mkdir -p "$SFSB_LOGS"
  docker_cli logs "$(ctr_name "$1")" >"$SFSB_LOGS/$1.log" 2>&1 || true
}

# ctr_down [--kill]: stops and removes every container of the network (all at once with --kill,
# a power loss) and its Docker networks; the ledgers and identities stay in the runtime.
ctr_down() {
  local name count=0
  local -a containers=()
  for name in $(all_process_names); do
    ctr_exists "$name" || continue
    containers+=("$(ctr_name "$name")")
    ctr_running "$name" && count=$((count + 1))
  done
  if [ ${#containers[@]} -gt 0 ]; then
    if [ "${1:-}" = --kill ]; then
      docker_cli kill "${containers[@]}" >/dev/null 2>&1 || true
    else
      docker_cli stop -t 10 "${containers[@]}" >/dev/null 2>&1 || true
    fi
    for name in $(all_process_names); do ctr_exists "$name" && ctr_save_log "$name"; done
    docker_cli rm -f "${containers[@]}" >/dev/null 2>&1 || true
  fi
  local org
  for org in $(cc_orgs); do docker_cli network rm "$(ctr_cc_network "$org")" >/dev/null 2>&1 || true; done
  docker_cli network rm "$(ctr_network)" >/dev/null 2>&1 || true
  routed_mode && routed_remove
  CTR_STOPPED=$count
}

# write_compose_file: $SFSB_RUNTIME/docker/compose.yaml, the same containers for `docker compose`
# (rendered from the same specs). It runs the nodes of this runtime, whose channel and chaincode
# `network up --docker` has set up: `network down`, then `docker compose -f … up -d`.
write_compose_file() {
  local name net env port mount org file="$SFSB_COMPOSE_FILE.tmp"
  mkdir -p "$(dirname "$SFSB_COMPOSE_FILE")"
  {
    printf '# Generated by ./sfsbroker network up --docker for %s; do not edit (it is rewritten).\n' "$SFSB_RUNTIME"
    printf '# The nodes of this runtime, whose channel and chaincode `network up --docker` set up:\n'
    printf '# ./sfsbroker network down, then docker compose -f %s up -d.\n' "$SFSB_COMPOSE_FILE"
    printf 'name: %s\nservices:\n' "$(ctr_prefix)"
    for name in $(orderer_names) $(peer_names) $(cc_server_names); do
      ctr_spec "$name"
      printf '  %s:\n' "$name"
      printf '    image: %s\n    container_name: %s\n    hostname: %s\n    user: "%s"\n    stop_grace_period: 10s\n' \
        "$CTR_IMAGE" "$(ctr_name "$name")" "$(node_fqdn "$name")" "$(ctr_user)"
      printf '    environment:\n'
      for env in "${CTR_ENV[@]}"; do printf '      - %s\n' "$(jq -Rn --arg v "$env" '$v')"; done
      if [ ${#CTR_PORTS[@]} -gt 0 ]; then
        printf '    ports:\n'
        for port in "${CTR_PORTS[@]}"; do printf '      - "%s"\n' "$port"; done
      fi
      printf '    volumes:\n'
      for mount in "${CTR_MOUNTS[@]}"; do printf '      - "%s"\n' "$mount"; done
      printf '    networks:\n'
      for net in "${CTR_NETS[@]}"; do
        printf '      %s:\n        aliases: [%s]\n' "$net" "$(node_fqdn "$name")"
      done
    done
    printf 'networks:\n  %s:\n    name: %s\n' "$(ctr_network)" "$(ctr_network)"
    for org in $(cc_orgs); do
      printf '  %s:\n    name: %s\n    internal: true\n' "$(ctr_cc_network "$org")" "$(ctr_cc_network "$org")"
    done
  } >"$file"
  mv "$file" "$SFSB_COMPOSE_FILE"
}
