#!/usr/bin/env bash
# Checks of the two network modes (issue 13 item 2), run by NetworkModesTest without a network or
# Docker: the native rendering keeps 127.0.0.1 everywhere nodes meet, the Docker rendering puts each
# node's DNS name there; a native runtime refuses --docker; container names differ by runtime and
# offset; the compose file renders every node with its own networks. Prints "ok: …" lines; exits
# non-zero on the first failure.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/sfsb-modes.XXXXXX")
trap 'rm -rf "$work"' EXIT

# load RUNTIME OFFSET: the libraries of ./sfsbroker for that runtime and offset, in this shell.
load() {
  export SFSB_ROOT=$here SFSB_RUNTIME=$1 SFSB_PORT_OFFSET=$2
  local lib
  for lib in common fabric-bin nodes chaincode batching status network containers node-specs routed bundle docker images; do
    # shellcheck source=/dev/null
    . "$here/network/lib/$lib.sh"
  done
}

# 1. Native: configtx, peer and chaincode settings name 127.0.0.1 only.
(
  load "$work/native" 0
  mkdir -p "$SFSB_RENDERED"
  render_configtx 1s 10
  grep -q '^      - 127.0.0.1:7050$' "$SFSB_RENDERED/configtx.yaml" || fail "native OrdererEndpoints lack 127.0.0.1:7050"
  grep -q 'sfsbroker.test:[0-9]' "$SFSB_RENDERED/configtx.yaml" && fail "native configtx names a container"
  peer_env peer0.broker 127.0.0.1 /h /d | grep -qx 'CORE_PEER_GOSSIP_EXTERNALENDPOINT=127.0.0.1:8051' ||
    fail "native gossip endpoint is not 127.0.0.1:8051"
  [ "$(cc_server_address chaincode.tenants)" = 127.0.0.1:9999 ] || fail "native chaincode address: $(cc_server_address chaincode.tenants)"
  orderer_env orderer2 127.0.0.1 /h /ca /d | grep -qx 'ORDERER_GENERAL_LISTENPORT=7150' || fail "orderer2 does not listen on 7150"
)
echo "ok: the native rendering names 127.0.0.1 wherever nodes meet"

# 2. Docker: the same templates name each node's DNS name, at the same (shifted) ports.
(
  load "$work/docker" 300
  mkdir -p "$SFSB_RUNTIME"
  choose_network_mode 1
  docker_mode || fail "network up --docker did not record the mode"
  mkdir -p "$SFSB_RENDERED"
  render_configtx 1s 10
  grep -q '^      - orderer3.orderers.sfsbroker.test:7550$' "$SFSB_RENDERED/configtx.yaml" ||
    fail "the Docker OrdererEndpoints lack orderer3.orderers.sfsbroker.test:7550"
  grep -q 'Host: peer0.tenants.sfsbroker.test' "$SFSB_RENDERED/configtx.yaml" || fail "the tenants' anchor peer is not its container"
  grep -q 'Host: orderer5.orderers.sfsbroker.test' "$SFSB_RENDERED/configtx.yaml" || fail "consenter 5 is not its container"
  grep -v '^ *#' "$SFSB_RENDERED/configtx.yaml" | grep -q '127.0.0.1' && fail "the Docker configtx still names 127.0.0.1"
  peer_env peer0.providers 0.0.0.0 /h /d | grep -qx 'CORE_PEER_ADDRESS=peer0.providers.sfsbroker.test:8451' ||
    fail "the Docker peer address is not its container"
  peer_env peer0.providers 0.0.0.0 /h /d | grep -qx 'CORE_PEER_LISTENADDRESS=0.0.0.0:8451' || fail "the Docker peer does not listen on 0.0.0.0"
  [ "$(cc_server_address chaincode.broker)" = chaincode.broker.sfsbroker.test:10297 ] ||
    fail "the Docker chaincode address: $(cc_server_address chaincode.broker)"
)
echo "ok: the Docker rendering names each node's DNS name at the shifted ports"

# 3. A runtime that holds a native network refuses --docker and keeps its mode.
(
  load "$work/native" 0
  mkdir -p "$SFSB_CRYPTO/ordererOrganizations"
  if (choose_network_mode 1) 2>/dev/null; then fail "a native runtime accepted --docker"; fi
  docker_mode && fail "a refused --docker changed the mode"
  choose_network_mode 0
  [ "$(network_mode)" = native ] || fail "the native runtime is no longer native"
)
echo "ok: a native runtime refuses --docker and stays native"

# 4. Container names are the runtime's and the offset's own.
a=$(load "$work/a" 100 && ctr_name orderer1)
b=$(load "$work/b" 100 && ctr_name orderer1)
c=$(load "$work/a" 200 && ctr_name orderer1)
[ "$a" != "$b" ] && [ "$a" != "$c" ] && [ "$b" != "$c" ] || fail "container names clash: $a $b $c"
[[ $a =~ ^sfsb100-[0-9a-f]{8}-orderer1$ ]] || fail "unexpected container name $a"
echo "ok: container names differ by runtime and by offset"

# 5. The compose file: every node, its image, its networks; chaincode servers on their org's
#    internal network only, publishing nothing.
(
  load "$work/docker" 300
  image_ref() { printf 'sfsbroker/%s:test' "$1"; }
  cc_package_id() { printf 'sfsbroker_1:%s' "$1"; }
  write_compose_file
  file=$SFSB_COMPOSE_FILE
  [ "$(grep -c '^  [a-z0-9.]*:$' <(sed -n '/^services:/,/^networks:/p' "$file"))" = 11 ] ||
    fail "the compose file does not hold 11 services: $(cat "$file")"
  grep -q "container_name: $(ctr_name chaincode.providers)" "$file" || fail "no chaincode.providers container"
  sed -n '/^  chaincode.broker:/,/^  chaincode.providers:/p' "$file" | grep -q 'ports:' &&
    fail "the broker's chaincode server publishes a port"
  sed -n '/^  chaincode.broker:/,/^  chaincode.providers:/p' "$file" | grep -q "$(ctr_network):" &&
    fail "the broker's chaincode server is on the shared network"
  sed -n '/^  peer0.broker:/,/^  peer0.providers:/p' "$file" | grep -q "$(ctr_cc_network broker):" ||
    fail "peer0.broker is not on its org's chaincode network"
  sed -n '/^  peer0.broker:/,/^  peer0.providers:/p' "$file" | grep -q "$(ctr_cc_network tenants):" &&
    fail "peer0.broker reaches the tenants' chaincode network"
  grep -q '"127.0.0.1:7350:7350"' "$file" || fail "orderer1 does not publish its shifted port on 127.0.0.1"
  [ "$(grep -c 'internal: true' "$file")" = 3 ] || fail "not three internal chaincode networks"
)
echo "ok: the compose file holds every node, chaincode servers only on their org's internal network"

# 6. nodes.json (network prepare, for test-support's Testcontainers launcher): the same specs as
#    the compose file, as JSON.
(
  load "$work/docker" 300
  image_ref() { printf 'sfsbroker/%s:test' "$1"; }
  cc_package_id() { printf 'sfsbroker_1:%s' "$1"; }
  write_nodes_file
  file=$SFSB_NODES_FILE
  [ "$(jq '.nodes | length' "$file")" = 11 ] || fail "nodes.json does not hold 11 nodes: $(cat "$file")"
  [ "$(jq '[.networks[] | select(.internal)] | length' "$file")" = 3 ] || fail "nodes.json lacks three internal networks"
  [ "$(jq -r '.nodes[0].container' "$file")" = "$(ctr_name orderer1)" ] || fail "the first node is not orderer1's container"
  jq -e '.nodes[] | select(.name == "orderer1") | .ports | index("127.0.0.1:7350:7350")' "$file" >/dev/null ||
    fail "orderer1 does not publish its shifted port on 127.0.0.1 in nodes.json"
  jq -e --arg net "$(ctr_cc_network broker)" '.nodes[] | select(.name == "chaincode.broker") |
    .ports == [] and .networks == [$net] and (.labels | index("io.sfsbroker.package=sfsbroker_1:broker"))' "$file" >/dev/null ||
    fail "chaincode.broker is not alone on its org's network with its package label in nodes.json"
  jq -e --arg net "$(ctr_cc_network broker)" '.nodes[] | select(.name == "peer0.broker") | .networks | index($net)' "$file" >/dev/null ||
    fail "peer0.broker does not join its org's chaincode network in nodes.json"
  jq -e '.nodes[] | select(.name == "peer0.tenants") | .env | index("CORE_PEER_ADDRESS=peer0.tenants.sfsbroker.test:8551")' "$file" >/dev/null ||
    fail "peer0.tenants' settings in nodes.json are not its container's"
)
echo "ok: nodes.json holds every node's container spec, as the compose file does"

# 7. --routed: each orderer and each peer org on a host network of its own, at a fixed address,
#    reaching every other host's node by its routed address; subnets differ by offset.
(
  load "$work/routed" 300
  image_ref() { printf 'sfsbroker/%s:test' "$1"; }
  cc_package_id() { printf 'sfsbroker_1:%s' "$1"; }
  mkdir -p "$SFSB_RUNTIME" && printf docker >"$SFSB_MODE_FILE"
  routed_enable
  [ "$(routed_hosts | paste -sd' ' -)" = "orderer1 orderer2 orderer3 orderer4 orderer5 broker providers tenants" ] ||
    fail "routed hosts: $(routed_hosts | paste -sd' ' -)"
  [ "$(routed_subnet orderer1)" = 10.43.1.0/24 ] && [ "$(routed_subnet tenants)" = 10.43.8.0/24 ] ||
    fail "subnets at offset 300: $(routed_subnet orderer1) $(routed_subnet tenants)"
  ctr_spec peer0.broker
  [ "${CTR_NETS[0]}" = "$(routed_network broker)" ] || fail "peer0.broker is on ${CTR_NETS[0]}"
  [ "${CTR_NETS[1]}" = "$(ctr_cc_network broker)" ] || fail "peer0.broker lost its chaincode network"
  [ "$CTR_IP" = 10.43.6.10 ] || fail "peer0.broker's address is $CTR_IP"
  [ "${#CTR_HOSTS[@]}" = 7 ] || fail "peer0.broker has ${#CTR_HOSTS[@]} host entries, not 7: ${CTR_HOSTS[*]}"
  printf '%s\n' "${CTR_HOSTS[@]}" | grep -x 'orderer1.orderers.sfsbroker.test:10.43.1.10' >/dev/null ||
    fail "peer0.broker does not reach orderer1 at its routed address: ${CTR_HOSTS[*]}"
  printf '%s\n' "${CTR_HOSTS[@]}" | grep '^peer0.broker' >/dev/null && fail "peer0.broker has a host entry for itself"
  ctr_spec chaincode.broker
  [ "${CTR_NETS[*]}" = "$(ctr_cc_network broker)" ] && [ -z "$CTR_IP" ] ||
    fail "chaincode.broker left its org's internal network: ${CTR_NETS[*]} $CTR_IP"
  [ "$(SFSB_PORT_OFFSET=400 routed_prefix)" != "$(routed_prefix)" ] || fail "offsets 300 and 400 share a subnet prefix"
)
echo "ok: --routed puts each orderer and org on its own subnet, reaching the others by routed addresses"

# 8. A bundle's compose file: the org's own nodes only, ports on every interface, the other
#    hosts' names from .env, its chaincode server on the internal network only.
(
  load "$work/bundle" 300
  image_ref() { printf 'sfsbroker/%s:test' "$1"; }
  cc_package_id() { printf 'sfsbroker_1:%s' "$1"; }
  mkdir -p "$SFSB_RUNTIME" && printf docker >"$SFSB_MODE_FILE"
  file="$work/bundle-compose.yaml"
  bundle_compose broker >"$file"
  [ "$(grep -c '^  [a-z0-9.]*:$' <(sed -n '/^services:/,/^networks:/p' "$file"))" = 2 ] ||
    fail "the broker's compose file does not hold 2 services: $(cat "$file")"
  grep -q '"0.0.0.0:8351:8351"' "$file" || fail "peer0.broker does not publish its port on every interface"
  grep -q 'orderer5.orderers.sfsbroker.test:${SFSB_ADDR_ORDERER5:?' "$file" || fail "no host entry for orderer5"
  grep -q 'peer0.broker.sfsbroker.test:${' "$file" && fail "the broker's peer has a host entry for itself"
  sed -n '/^  chaincode.broker:/,/^networks:/p' "$file" | grep '^      nodes:' >/dev/null && fail "the chaincode server is on the nodes network"
  bundle_compose orderers >"$file"
  [ "$(grep -c '^  [a-z0-9.]*:$' <(sed -n '/^services:/,/^networks:/p' "$file"))" = 5 ] ||
    fail "the orderers' compose file does not hold 5 services"
  grep -q 'SFSB_ADDR_ORDERER' "$file" && fail "orderers on one machine got host entries for one another"
  bundle_env broker orderer1=192.0.2.1 | grep -x 'SFSB_ADDR_ORDERER1=192.0.2.1' >/dev/null || fail "--address did not reach .env"
  bundle_env broker | grep '^SFSB_ADDR_BROKER=' >/dev/null && fail "the broker's .env names its own machine"
  (bundle_main nobody) 2>/dev/null && fail "an unknown org was accepted"
  (bundle_main broker --address 'orderer9=1.2.3.4') 2>/dev/null && fail "an unknown host was accepted"
  [ ! -d "$SFSB_RUNTIME/bundles" ] || fail "a refused bundle left a folder"
)
echo "ok: a bundle's compose file holds only its org's nodes and names the other hosts from .env"
