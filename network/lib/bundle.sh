# `./sfsbroker network bundle ORG [--out DIR] [--address HOST=IP]...`: what one org needs to run
# its nodes on a machine of its own (docs/deploy.md, "Across hosts"). Sourced, never run.
#
# ORG is `orderers` (the five orderers) or a peer org (broker, providers, tenants). The bundle is
# made from a runtime that `network up --docker` has set up, so its identities, its channel's
# config block and its chaincode packages exist, and its nodes are named by DNS:
#   nodes/NODE/      each of the org's nodes' own identity, as its container mounts it
#   admin/, client/  the org admin's and a client user's MSP (peer orgs: also their TLS CA)
#   tlsca/           every org's TLS CA certificate (certificates only)
#   compose.yaml     the org's containers, rendered from the same ctr_spec as `network up
#                    --docker`; ports published on every interface; the other orgs' node names
#                    resolved by extra_hosts from the addresses in .env
#   .env             SFSB_ADDR_<HOST>=address of every other host, given by --address or left
#                    for the operator to fill in (compose refuses to start while one is empty)
#   channel/         the channel's config block (orderers: to join; peers: to join)
#   chaincode/       a peer org's own chaincode package and its id
#   network.json     a peer org's client profile on its own machine (bridge, CLI)
#   steps.sh         the channel and chaincode steps this org's admin runs, in order
#   README.md        the same, in words
# Another org's private key never goes into a bundle: bundle_check_keys refuses to finish if one
# did.

bundle_usage() {
  cat <<'USAGE'
Usage: ./sfsbroker network bundle ORG [--out DIR] [--address HOST=IP]...

  ORG          orderers, or a peer org: broker, providers, tenants
  --out DIR    where to write it (default $SFSB_RUNTIME/bundles/ORG); an existing DIR is replaced
  --address    the address of another machine: HOST is orderer1 … orderer5 or a peer org
               (repeatable); the others are left empty in DIR/.env for the operator to fill in

Made from a runtime that `./sfsbroker network up --docker` has set up (docs/deploy.md).
USAGE
}

bundle_main() {
  local org="" out="" address
  local -a addresses=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --out) out=${2:-}; shift 2 || die "--out needs a folder" ;;
      --out=*) out=${1#*=}; shift ;;
      --address) addresses+=("${2:-}"); shift 2 || die "--address needs HOST=IP" ;;
      --address=*) addresses+=("${1#*=}"); shift ;;
      -h | --help) bundle_usage; return 0 ;;
      -*) bundle_usage >&2; die "unknown option for network bundle: $1" ;;
      *) [ -z "$org" ] || die "network bundle takes one org, not '$org' and '$1'"; org=$1; shift ;;
    esac
  done
  [ -n "$org" ] || { bundle_usage >&2; die "network bundle needs an org: orderers, $(cc_orgs | paste -sd, - | sed 's/,/, /g')"; }
  bundle_org_known "$org" || die "unknown org '$org': use orderers or one of $(cc_orgs | paste -sd' ' -)"
  for address in "${addresses[@]}"; do
    [[ $address =~ ^[a-z0-9]+=[0-9A-Za-z.:-]+$ ]] || die "--address must be HOST=IP, not '$address'"
    bundle_host_known "${address%%=*}" || die "unknown host '${address%%=*}' in --address: use one of $(bundle_hosts | paste -sd' ' -)"
  done
  docker_mode || die "make bundles from a runtime set up by ./sfsbroker network up --docker (its nodes are named by DNS; a native runtime names 127.0.0.1)"
  [ -f "$SFSB_CHANNEL_DIR/$SFSB_CHANNEL.block" ] || die "$SFSB_RUNTIME has no channel yet; run ./sfsbroker network up --docker first"
  out=${out:-$SFSB_RUNTIME/bundles/$org}
  bundle_write "$org" "$(realpath -m "$out")" "${addresses[@]}"
}

bundle_org_known() {
  [ "$1" = orderers ] && return 0
  bundle_listed "$1" $(cc_orgs)
}

# bundle_hosts: the machines a deployment has: one per orderer, one per peer org (the layout of
# --routed; an operator may put all five orderers on one machine, giving each the same address).
bundle_hosts() { routed_hosts; }
bundle_host_known() { bundle_listed "$1" $(bundle_hosts); }
# bundle_listed WORD WORDS...: whether WORD is one of WORDS (no `| grep -q`, which under pipefail
# fails when grep stops reading early).
bundle_listed() {
  local word=$1 item
  shift
  for item in "$@"; do [ "$item" = "$word" ] && return 0; done
  return 1
}
bundle_host_var() { printf 'SFSB_ADDR_%s' "$(printf '%s' "$1" | tr '[:lower:]' '[:upper:]')"; }

# bundle_nodes ORG: the containers ORG runs.
bundle_nodes() {
  local name
  if [ "$1" = orderers ]; then
    orderer_names
    return 0
  fi
  for name in $(peer_names); do [ "$(peer_field "$name" 2)" = "$1" ] && printf '%s\n' "$name"; done
  cc_server_of_org "$1"
  printf '\n'
}

# bundle_own_hosts ORG: the hosts whose nodes ORG runs.
bundle_own_hosts() {
  if [ "$1" = orderers ]; then orderer_names; else printf '%s\n' "$1"; fi
}

bundle_write() {
  local org=$1 out=$2 name
  shift 2
  [ -d "$out" ] && safe_rm_rf "$out"
  mkdir -p "$out/nodes" "$out/tlsca" "$out/channel" "$out/data"
  for name in $(bundle_nodes "$org"); do
    [ -d "$SFSB_CTR_NODES/$name" ] || die "$name's identity is not staged in $SFSB_CTR_NODES; run ./sfsbroker network up --docker first"
    cp -a "$SFSB_CTR_NODES/$name" "$out/nodes/$name"
    is_cc_server "$name" || mkdir -p "$out/data/$name"
  done
  cp "$(orderer_tls_ca)" "$out/tlsca/orderers.pem"
  local other
  for other in $(cc_orgs); do cp "$(org_tls_ca "$other")" "$out/tlsca/$other.pem"; done
  cp "$SFSB_CHANNEL_DIR/$SFSB_CHANNEL.block" "$out/channel/"
  if [ "$org" = orderers ]; then
    mkdir -p "$out/admin"
    cp -rL "$(orderer_admin_tls)" "$out/admin/tls"
  else
    mkdir -p "$out/chaincode"
    cp -rL "$(org_admin_msp "$org")" "$out/admin"
    cp -rL "$(org_user_msp "$org")" "$out/client"
    cp "$(cc_package "$org")" "$out/chaincode/"
    cc_package_id "$org" >"$out/chaincode/package-id"
    cp "$SFSB_RENDERED/core.yaml" "$out/core.yaml"
    bundle_network_json "$org" >"$out/network.json"
  fi
  restrict_keys "$out"
  bundle_env "$org" "$@" >"$out/.env"
  bundle_compose "$org" >"$out/compose.yaml"
  bundle_steps "$org" >"$out/steps.sh"
  chmod +x "$out/steps.sh"
  bundle_readme "$org" >"$out/README.md"
  ctr_own "$out/nodes" "$out/data"
  bundle_check_keys "$org" "$out"
  say "Wrote the $org bundle to $out ($(find "$out" -type f | wc -l) files); its README.md says what to do with it."
}

# bundle_network_json ORG: the network.json of ORG's clients on its own machine (the bridge, the
# CLI): its peer on the loopback, which the peer's certificate carries, and the bundle's own
# files, relative: run them from the bundle folder, or make the paths absolute.
bundle_network_json() {
  local org=$1 peer
  peer=$(peer_of_org "$org")
  jq -n --arg channel "$SFSB_CHANNEL" --arg chaincode "$SFSB_CHAINCODE" --arg org "$org" \
    --arg msp "$(peer_field "$peer" 3)" --arg peer "$peer" --arg address "127.0.0.1:$(peer_field "$peer" 4)" \
    '{channel: $channel, chaincode: $chaincode,
      paths: {orgs: [{org: $org, mspId: $msp, peer: $peer, peerAddress: $address,
                      tlsCaFile: ("tlsca/" + $org + ".pem"), adminMspDir: "admin", userMspDir: "client"}],
              ordererTlsCaFile: "tlsca/orderers.pem", channelGenesisBlock: ("channel/" + $channel + ".block")}}'
}

# bundle_env ORG HOST=IP...: the .env compose reads: the other hosts' addresses.
bundle_env() {
  local org=$1 host value given
  shift
  printf '# The address of each other machine of the deployment, as this machine reaches it.\n'
  printf '# Fill in the empty ones; compose refuses to start while one is empty.\n'
  for host in $(bundle_hosts); do
    bundle_listed "$host" $(bundle_own_hosts "$org") && continue
    value=""
    for given in "$@"; do [ "${given%%=*}" = "$host" ] && value=${given#*=}; done
    printf '%s=%s\n' "$(bundle_host_var "$host")" "$value"
  done
}

# bundle_compose ORG: ORG's containers, rendered from ctr_spec with the bundle's folders, ports on
# every interface, one bridge network (and each org's internal chaincode network), and the other
# hosts' node names resolved through extra_hosts.
bundle_compose() {
  local org=$1 name net env port mount own other
  local SFSB_CTR_NODES=./nodes SFSB_DATA=./data SFSB_HOST=0.0.0.0
  printf '# The %s nodes of an SFSBroker deployment, one machine. Generated by\n' "$org"
  printf '# ./sfsbroker network bundle %s; see README.md. Addresses of the other machines: .env\n' "$org"
  printf 'name: sfsb-%s\nservices:\n' "$org"
  for name in $(bundle_nodes "$org"); do
    ctr_spec "$name"
    printf '  %s:\n' "$name"
    printf '    image: %s\n    hostname: %s\n    user: "%s"\n    stop_grace_period: 10s\n    restart: unless-stopped\n' \
      "$CTR_IMAGE" "$(node_fqdn "$name")" "$SFSB_IMAGE_UID:$SFSB_IMAGE_UID"
    printf '    environment:\n'
    for env in "${CTR_ENV[@]}"; do printf '      - %s\n' "$(jq -Rn --arg v "$env" '$v | gsub("\\$"; "$$")')"; done
    if [ ${#CTR_PORTS[@]} -gt 0 ]; then
      printf '    ports:\n'
      for port in "${CTR_PORTS[@]}"; do printf '      - "%s"\n' "$port"; done
    fi
    printf '    volumes:\n'
    for mount in "${CTR_MOUNTS[@]}"; do printf '      - "%s"\n' "$mount"; done
    if ! is_cc_server "$name"; then
      own=$(routed_host_of "$name")
      printf '    extra_hosts:\n'
      for other in $(orderer_names) $(peer_names); do
        [ "$(routed_host_of "$other")" = "$own" ] && continue
        bundle_listed "$(routed_host_of "$other")" $(bundle_own_hosts "$org") && continue
        printf '      - "%s:${%s:?set it in .env}"\n' "$(node_fqdn "$other")" "$(bundle_host_var "$(routed_host_of "$other")")"
      done
    fi
    printf '    networks:\n'
    if is_cc_server "$name"; then
      printf '      chaincode:\n        aliases: [%s]\n' "$(node_fqdn "$name")"
    else
      printf '      nodes:\n        aliases: [%s]\n' "$(node_fqdn "$name")"
      [ "$org" != orderers ] && printf '      chaincode:\n        aliases: [%s]\n' "$(node_fqdn "$name")"
    fi
  done
  printf 'networks:\n  nodes: {}\n'
  [ "$org" != orderers ] && printf '  chaincode:\n    internal: true\n'
  return 0
}

# bundle_steps ORG: the admin steps of ORG, as a script run on its machine after `docker compose
# up -d`, with Fabric's `peer` / `osnadmin` on PATH. `./steps.sh hosts` prints the /etc/hosts
# lines (from .env) under which this machine's CLI reaches the other machines' nodes by the names
# their certificates carry. Steps already done are skipped, so it can be run again.
bundle_steps() {
  local org=$1 name peer port other o
  printf '#!/usr/bin/env bash\n# The channel and chaincode steps of the %s org; run from this bundle after\n' "$org"
  printf '# `docker compose up -d`, with Fabric'"'"'s peer and osnadmin on PATH. Generated by\n'
  printf '# ./sfsbroker network bundle %s.\nset -euo pipefail\ncd "$(dirname "$0")"\n' "$org"
  printf '# shellcheck source=/dev/null\n. ./.env\n'
  printf 'if [ "${1:-}" = hosts ]; then\n'
  for other in $(orderer_names) $(peer_names); do
    bundle_listed "$(routed_host_of "$other")" $(bundle_own_hosts "$org") && continue
    printf '  printf "%%s %s\\n" "${%s:?set it in .env}"\n' "$(node_fqdn "$other")" "$(bundle_host_var "$(routed_host_of "$other")")"
  done
  printf '  exit 0\nfi\n'
  if [ "$org" = orderers ]; then
    printf '# Each orderer joins the channel from its config block (the admin endpoint, mutual TLS).\n'
    printf 'admin() {\n  osnadmin "$@" --ca-file tlsca/orderers.pem --client-cert admin/tls/client.crt --client-key admin/tls/client.key\n}\n'
    for name in $(orderer_names); do
      port=$(orderer_field "$name" 3)
      printf 'admin channel list --channelID %s -o 127.0.0.1:%s 2>/dev/null | grep "^Status: 200" >/dev/null ||\n' "$SFSB_CHANNEL" "$port"
      printf '  admin channel join --channelID %s --config-block channel/%s.block -o 127.0.0.1:%s\n' "$SFSB_CHANNEL" "$SFSB_CHANNEL" "$port"
    done
    return 0
  fi
  peer=$(peer_of_org "$org")
  port=$(peer_field "$peer" 4)
  cat <<EOF
export FABRIC_CFG_PATH=\$PWD CORE_PEER_TLS_ENABLED=true CORE_PEER_LOCALMSPID=$(peer_field "$peer" 3)
export CORE_PEER_MSPCONFIGPATH=\$PWD/admin CORE_PEER_TLS_ROOTCERT_FILE=\$PWD/tlsca/$org.pem
export CORE_PEER_ADDRESS=127.0.0.1:$port
# The orderer this org's admin sends to: orderer1's machine, checked against the name its
# certificate carries.
ORDERER_ARGS=(-o "\${SFSB_ADDR_ORDERER1:?set it in .env}:$(orderer_field orderer1 2)"
  --ordererTLSHostnameOverride $(node_fqdn orderer1) --tls --cafile "\$PWD/tlsca/orderers.pem")

# 1. The peer joins the channel (once the orderers have joined it).
peer channel list 2>/dev/null | grep -x $SFSB_CHANNEL >/dev/null || peer channel join -b channel/$SFSB_CHANNEL.block
# 2. It installs this org's own chaincode package (it names this org's chaincode server).
peer lifecycle chaincode queryinstalled 2>/dev/null | grep -F "\$(cat chaincode/package-id)" >/dev/null ||
  peer lifecycle chaincode install chaincode/$SFSB_CC_LABEL.tar.gz
# 3. This org approves the one chaincode definition with its own package id.
peer lifecycle chaincode approveformyorg "\${ORDERER_ARGS[@]}" -C $SFSB_CHANNEL -n $SFSB_CHAINCODE \\
  -v $SFSB_CC_VERSION --sequence $SFSB_CC_SEQUENCE --package-id "\$(cat chaincode/package-id)" --waitForEvent
# 4. Once every org has approved, ONE org commits the definition (COMMIT=1 ./steps.sh), naming
#    every org's peer; the other machines' names must resolve here (./steps.sh hosts >> /etc/hosts).
if [ "\${COMMIT:-0}" = 1 ]; then
  peer lifecycle chaincode commit "\${ORDERER_ARGS[@]}" -C $SFSB_CHANNEL -n $SFSB_CHAINCODE \\
    -v $SFSB_CC_VERSION --sequence $SFSB_CC_SEQUENCE --waitForEvent \\
EOF
  for other in $(peer_names); do
    o=$(peer_field "$other" 2)
    if [ "$o" = "$org" ]; then
      printf '    --peerAddresses 127.0.0.1:%s --tlsRootCertFiles tlsca/%s.pem \\\n' "$port" "$o"
    else
      printf '    --peerAddresses %s:%s --tlsRootCertFiles tlsca/%s.pem \\\n' "$(node_fqdn "$other")" "$(peer_field "$other" 4)" "$o"
    fi
  done
  printf '    >/dev/null\nfi\n'
}

# bundle_check_keys ORG DIR: every private key in DIR must be one of ORG's own keys.
bundle_check_keys() {
  local org=$1 out=$2 own key sum
  if [ "$org" = orderers ]; then
    own="$SFSB_CRYPTO/ordererOrganizations/$SFSB_ORDERER_DOMAIN"
  else
    own=$(org_dir "$org")
  fi
  local -A allowed=()
  while IFS= read -r sum; do allowed[$sum]=1; done < <(find "$own" -type f -exec grep -l 'PRIVATE KEY' {} + | xargs sha256sum | cut -d' ' -f1)
  # The chaincode package carries the org's own peer TLS key (its connection.json); so does the
  # base64 copy of a chaincode server's key.
  while IFS= read -r key; do
    case "$key" in *.tar.gz | *.b64) continue ;; esac
    sum=$(sha256sum "$key" | cut -d' ' -f1)
    [ -n "${allowed[$sum]:-}" ] || { safe_rm_rf "$out"; die "internal error: $key is not a key of $org; the bundle was removed"; }
  done < <(grep -rl 'PRIVATE KEY' "$out" || true)
}

bundle_readme() {
  local org=$1 name
  printf '# SFSBroker deployment bundle: %s\n\n' "$org"
  printf 'Made by `./sfsbroker network bundle %s` from the runtime `%s`.\n' "$org" "$SFSB_RUNTIME"
  printf 'It runs these containers on one machine: %s.\n\n' "$(bundle_nodes "$org" | paste -sd' ' - | sed 's/ /, /g')"
  cat <<EOF
## What is in it

| path | what |
|---|---|
| \`nodes/<node>/\` | each node's own identity (MSP, TLS key and certificate), mounted read-only |
| \`admin/\` | the $org admin's identity$([ "$org" = orderers ] && printf ' (TLS client certificate for osnadmin)' || printf ' (MSP)') |
$([ "$org" != orderers ] && printf '| `client/` | a client user'"'"'s MSP (for the bridge and the CLI of this org) |\n| `network.json` | the profile of this org'"'"'s clients on this machine (the bridge, the CLI): its peer on 127.0.0.1, the paths relative to this folder |\n| `chaincode/` | this org'"'"'s chaincode package and its package id |\n| `core.yaml` | the peer CLI'"'"'s settings (FABRIC_CFG_PATH) |')
| \`tlsca/\` | every org's TLS CA certificate (certificates only, no key) |
| \`channel/$SFSB_CHANNEL.block\` | the channel's config block, to join |
| \`compose.yaml\` | the containers, their settings, ports, volumes and host entries |
| \`.env\` | the addresses of the other machines (fill in the empty ones) |
| \`steps.sh\` | the channel and chaincode steps of this org's admin |

No other org's private key is in this bundle.

## Steps

1. Copy this folder to the machine. Load the images there (\`docker save\` on the build machine,
   \`docker load\` here): $(for name in $(bundle_nodes "$org"); do ctr_spec "$name"; printf '`%s` ' "$CTR_IMAGE"; done | sed 's/ $//' ).
2. Fill in \`.env\`: the address at which this machine reaches each other machine.
3. Open the published ports to the other machines: $(for name in $(bundle_nodes "$org"); do local SFSB_HOST=0.0.0.0; ctr_spec "$name"; for p in "${CTR_PORTS[@]}"; do printf '%s ' "${p##*:}"; done; done | sed 's/ $//').
4. \`docker compose up -d\` (the folders \`nodes/\` and \`data/\` must belong to uid 10001, the
   images' user: \`sudo chown -R 10001:10001 nodes data\`).
5. \`./steps.sh\` (with Fabric's \`peer\` and \`osnadmin\` on PATH). The orderers' org runs it
   first; then each peer org; then one org commits the chaincode definition
   (\`COMMIT=1 PEERS="…" ./steps.sh\`). See docs/deploy.md, "Across hosts".
EOF
}
