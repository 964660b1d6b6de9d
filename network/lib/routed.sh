# `./sfsbroker network up --docker --routed`: the Docker network laid out as if every orderer and
# every peer org ran on a machine of its own. Sourced, never run.
#
# Each "host" (orderer1 … orderer5, and each peer org: broker, providers, tenants) gets a Docker
# network of its own with a subnet of its own; its node has a fixed address there. One router
# container (`<prefix>-router`, IP forwarding on in its own namespace) is attached to every host
# network, and each node's namespace gets a route to every other host's subnet through the
# router's address on its own subnet (the host's `ip`, through nsenter on the container's pid:
# the images are FROM scratch). Names resolve through --add-host entries that point at those
# routed addresses: Docker's DNS answers only within one network, and no node shares a network
# with a node of another host. The host's own IP forwarding stays off (the shared dockerd runs
# with --ip-forward=false), so the router is the only way across; cutting it off one host
# network (routed_cut / routed_rejoin) cuts that host off. Each org's chaincode server stays on
# its org's internal network, as without --routed.
#
# The layout is written to $SFSB_RUNTIME/docker/routed.json (hosts, networks, subnets, the
# router's and the nodes' addresses) for tests and operators.

SFSB_ROUTED_FILE="$SFSB_RUNTIME/docker/routed"
SFSB_ROUTED_JSON="$SFSB_RUNTIME/docker/routed.json"
# The first two octets of every host subnet (10.N.<host>.0/24); N comes from the port offset, so
# runtimes at different offsets never share a subnet. SFSB_ROUTED_PREFIX overrides it.
routed_prefix() {
  printf '%s' "${SFSB_ROUTED_PREFIX:-10.$(((SFSB_PORT_OFFSET / 100) % 200 + 40))}"
}

routed_mode() { [ -f "$SFSB_ROUTED_FILE" ]; }

# routed_hosts: the stand-in machines, in order: one per orderer, one per peer org.
routed_hosts() {
  orderer_names
  local name
  for name in $(peer_names); do peer_field "$name" 2; printf '\n'; done
}

# routed_host_of NAME: the host that orderer or peer NAME runs on.
routed_host_of() {
  if orderer_field "$1" 1 >/dev/null; then printf '%s' "$1"; else peer_field "$1" 2; fi
}

# routed_index HOST: the host's number (1…), the third octet of its subnet.
routed_index() {
  local host index=0
  for host in $(routed_hosts); do
    index=$((index + 1))
    [ "$host" = "$1" ] && { printf '%s' "$index"; return 0; }
  done
  die "no routed host is called $1 (hosts: $(routed_hosts | tr '\n' ' '))"
}

routed_subnet() { printf '%s.%s.0/24' "$(routed_prefix)" "$(routed_index "$1")"; }
routed_router_ip() { printf '%s.%s.2' "$(routed_prefix)" "$(routed_index "$1")"; }
# routed_node_ip NAME: the fixed address of orderer or peer NAME on its host's network.
routed_node_ip() { printf '%s.%s.10' "$(routed_prefix)" "$(routed_index "$(routed_host_of "$1")")"; }
routed_network() { printf '%s-host-%s' "$(ctr_prefix)" "$1"; }
routed_router() { ctr_name router; }

# routed_enable: records that this runtime's Docker network is routed (before its first start).
routed_enable() {
  mkdir -p "$(dirname "$SFSB_ROUTED_FILE")"
  printf 'routed\n' >"$SFSB_ROUTED_FILE"
}

# routed_extra_hosts NAME: "fqdn:address" of every orderer and peer on another host than NAME's.
routed_extra_hosts() {
  local own other
  own=$(routed_host_of "$1")
  for other in $(orderer_names) $(peer_names); do
    [ "$(routed_host_of "$other")" = "$own" ] && continue
    printf '%s:%s\n' "$(node_fqdn "$other")" "$(routed_node_ip "$other")"
  done
}

# routed_ensure_networks: every host network (with its subnet) and the router on all of them.
routed_ensure_networks() {
  local host net router
  for host in $(routed_hosts); do
    net=$(routed_network "$host")
    docker_cli network inspect "$net" >/dev/null 2>&1 ||
      docker_cli network create --subnet "$(routed_subnet "$host")" \
        --label "io.sfsbroker.runtime=$SFSB_RUNTIME" --label "io.sfsbroker.host=$host" "$net" >/dev/null ||
      die "could not create the Docker network $net ($(routed_subnet "$host")); another network may use that subnet: set SFSB_ROUTED_PREFIX"
  done
  router=$(routed_router)
  if ! ctr_running router; then
    docker_cli rm -f "$router" >/dev/null 2>&1 || true
    ensure_slice_image_for_router
    local first
    local -a hosts
    mapfile -t hosts < <(routed_hosts)
    first=${hosts[0]}
    docker_cli create --name "$router" --hostname router --network "$(routed_network "$first")" \
      --ip "$(routed_router_ip "$first")" --sysctl net.ipv4.ip_forward=1 \
      --label "io.sfsbroker.runtime=$SFSB_RUNTIME" --label io.sfsbroker.node=router \
      --entrypoint /bin/sleep "$SFSB_SLICE_IMAGE" 2147483647 >/dev/null 2>&1 ||
      die "could not create the router container $router"
    for host in "${hosts[@]:1}"; do
      docker_cli network connect --ip "$(routed_router_ip "$host")" "$(routed_network "$host")" "$router" ||
        die "could not attach the router to $(routed_network "$host")"
    done
    docker_cli start "$router" >/dev/null || die "could not start the router $router"
  fi
  routed_write_json
}

# ensure_slice_image_for_router: the router runs the slice image's busybox `sleep`; forwarding is
# done by the kernel in its namespace.
ensure_slice_image_for_router() {
  docker_cli image inspect "$SFSB_SLICE_IMAGE" >/dev/null 2>&1 || docker_image >/dev/null
}

# routed_add_routes NAME: in the namespace of NAME's running container, a route to every other
# host's subnet through the router's address on NAME's own subnet.
routed_add_routes() {
  local name=$1 pid own host via
  require_tool nsenter "install util-linux (nsenter) to add the routes of --routed"
  require_tool ip "install iproute2 to add the routes of --routed"
  pid=$(docker_cli container inspect --format '{{.State.Pid}}' "$(ctr_name "$name")")
  [ -n "$pid" ] && [ "$pid" != 0 ] || die "$name's container has no process to add routes to"
  own=$(routed_host_of "$name")
  via=$(routed_router_ip "$own")
  for host in $(routed_hosts); do
    [ "$host" = "$own" ] && continue
    nsenter -t "$pid" -n ip route replace "$(routed_subnet "$host")" via "$via" ||
      die "could not add the route to $host's subnet in $name's namespace (nsenter needs root)"
  done
}

# routed_cut HOST / routed_rejoin HOST: detach the router from HOST's network (the host loses
# every route to the others, as a machine whose uplink fails) and attach it again.
routed_cut() {
  docker_cli network disconnect -f "$(routed_network "$1")" "$(routed_router)" >/dev/null ||
    die "could not detach the router from $(routed_network "$1")"
}
routed_rejoin() {
  docker_cli network connect --ip "$(routed_router_ip "$1")" "$(routed_network "$1")" "$(routed_router)" ||
    die "could not attach the router to $(routed_network "$1") again"
}

# routed_remove: the router and the host networks (after the node containers are gone).
routed_remove() {
  local host
  docker_cli rm -f "$(routed_router)" >/dev/null 2>&1 || true
  for host in $(routed_hosts); do docker_cli network rm "$(routed_network "$host")" >/dev/null 2>&1 || true; done
}

routed_write_json() {
  local host name file="$SFSB_ROUTED_JSON.tmp"
  {
    printf '{"router": "%s", "hosts": [' "$(routed_router)"
    local sep=""
    for host in $(routed_hosts); do
      printf '%s{"name": "%s", "network": "%s", "subnet": "%s", "router": "%s", "nodes": [' \
        "$sep" "$host" "$(routed_network "$host")" "$(routed_subnet "$host")" "$(routed_router_ip "$host")"
      local nsep=""
      for name in $(orderer_names) $(peer_names); do
        [ "$(routed_host_of "$name")" = "$host" ] || continue
        printf '%s{"name": "%s", "fqdn": "%s", "address": "%s", "container": "%s"}' \
          "$nsep" "$name" "$(node_fqdn "$name")" "$(routed_node_ip "$name")" "$(ctr_name "$name")"
        nsep=", "
      done
      printf ']}'
      sep=", "
    done
    printf ']}\n'
  } >"$file"
  jq . "$file" >"$SFSB_ROUTED_JSON" || die "could not write $SFSB_ROUTED_JSON"
  rm -f "$file"
}
