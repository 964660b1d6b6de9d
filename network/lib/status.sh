# `./sfsbroker network status` and the network.json that clients and tests read.
# Sourced, never run.

orderer_json() {
  local name=$1 pid running=false info='{}' leader=false
  pid=$(pid_of "$name" 2>/dev/null || true)
  if node_running "$name"; then
    running=true
    info=$(osnadmin_on "$name" channel list --channelID "$SFSB_CHANNEL" 2>/dev/null | sed -n '/^{/,$p' | jq -c . 2>/dev/null || echo '{}')
    [ -n "$info" ] || info='{}'
    if orderer_is_leader "$name"; then
      leader=true
    fi
  else
    pid=""
  fi
  jq -cn --arg name "$name" --arg address "$SFSB_HOST:$(orderer_field "$name" 2)" \
    --arg admin "$SFSB_HOST:$(orderer_field "$name" 3)" --arg ops "$SFSB_HOST:$(orderer_field "$name" 4)" \
    --arg pid "$pid" --argjson running "$running" --argjson info "$info" --argjson leader "$leader" \
    '{name: $name, address: $address, adminAddress: $admin, operationsAddress: $ops,
      pid: ($pid | if . == "" then null else tonumber end), running: $running,
      consensusRelation: ($info.consensusRelation // null), status: ($info.status // null),
      height: ($info.height // null), raftLeader: $leader}'
}

peer_json() {
  local name=$1 org msp pid running=false height=null
  org=$(peer_field "$name" 2)
  msp=$(peer_field "$name" 3)
  pid=$(pid_of "$name" 2>/dev/null || true)
  if node_running "$name"; then
    running=true
    height=$(peer_height "$name")
    [ -n "$height" ] || height=null
  else
    pid=""
  fi
  jq -cn --arg name "$name" --arg org "$org" --arg msp "$msp" \
    --arg address "$SFSB_HOST:$(peer_field "$name" 4)" --arg ops "$SFSB_HOST:$(peer_field "$name" 5)" \
    --arg pid "$pid" --argjson running "$running" --argjson height "$height" \
    '{name: $name, org: $org, mspId: $msp, address: $address, operationsAddress: $ops,
      pid: ($pid | if . == "" then null else tonumber end), running: $running, height: $height}'
}

# cc_server_json NAME SEQUENCE: one org's chaincode server, its package, and whether that org's
# peer has the package installed and the org approved the definition at SEQUENCE with it.
cc_server_json() {
  local name=$1 sequence=$2 org pid running=false package_id installed=null approved=null peer
  org=$(cc_server_org "$name")
  package_id=$(cc_package_id "$org" || true)
  pid=$(pid_of "$name" 2>/dev/null || true)
  node_running "$name" && running=true || pid=""
  peer=$(peer_of_org "$org")
  if [ -n "$package_id" ] && node_running "$peer"; then
    installed=false
    installed_package_ids "$org" | grep -qxF "$package_id" && installed=true
    if [ -n "$sequence" ]; then
      approved=false
      [ "$(approved_package_id "$org" "$sequence")" = "$package_id" ] && approved=true
    fi
  fi
  jq -cn --arg name "$name" --arg org "$org" --arg msp "$(peer_field "$peer" 3)" \
    --arg address "$(cc_server_address "$name")" --arg pid "$pid" --argjson running "$running" \
    --arg package "$package_id" --argjson installed "$installed" --argjson approved "$approved" \
    --arg log "$SFSB_LOGS/$name.log" --arg tls "$(cc_server_tls "$org")" --arg peer "$peer" \
    '{name: $name, org: $org, mspId: $msp, peer: $peer, address: $address,
      pid: ($pid | if . == "" then null else tonumber end), running: $running,
      packageId: (if $package == "" then null else $package end),
      installedOnPeer: $installed, approvedByOrg: $approved, log: $log, tlsDir: $tls}'
}

chaincode_json() {
  local sequence servers="[]" name
  sequence=$(chaincode_committed_sequence 2>/dev/null || true)
  for name in $(cc_server_names); do
    servers=$(jq -c --argjson s "$(cc_server_json "$name" "$sequence")" '. + [$s]' <<<"$servers")
  done
  jq -cn --arg name "$SFSB_CHAINCODE" --arg version "$SFSB_CC_VERSION" --arg sequence "$sequence" \
    --argjson servers "$servers" \
    '{name: $name, version: $version, sequence: ($sequence | if . == "" then null else tonumber end),
      committed: ($sequence != ""), servers: $servers}'
}

# The static part: where things are. Clients, the tests and the Fabric CLI need these.
paths_json() {
  local orgs="[]" row
  for row in "${SFSB_PEERS[@]}"; do
    set -- $row
    orgs=$(jq -c --arg org "$2" --arg msp "$3" --arg peer "$1" --arg address "$SFSB_HOST:$4" \
      --arg tlsCa "$(org_tls_ca "$2")" --arg admin "$(org_admin_msp "$2")" --arg user "$(org_user_msp "$2")" \
      '. + [{org: $org, mspId: $msp, peer: $peer, peerAddress: $address, tlsCaFile: $tlsCa,
             adminMspDir: $admin, userMspDir: $user}]' <<<"$orgs")
  done
  local admin_tls
  admin_tls=$(orderer_admin_tls)
  jq -cn --argjson orgs "$orgs" --arg ordererCa "$(orderer_tls_ca)" --arg runtime "$SFSB_RUNTIME" \
    --arg logs "$SFSB_LOGS" --arg bin "${FABRIC_BIN:-}" --arg cfg "$SFSB_RENDERED" \
    --arg adminCert "$admin_tls/client.crt" --arg adminKey "$admin_tls/client.key" \
    --arg block "$SFSB_CHANNEL_DIR/$SFSB_CHANNEL.block" \
    '{orgs: $orgs, ordererTlsCaFile: $ordererCa, ordererAdminTlsCert: $adminCert,
      ordererAdminTlsKey: $adminKey, channelGenesisBlock: $block, runtimeDir: $runtime,
      logsDir: $logs, fabricBin: $bin, fabricCfgPath: $cfg}'
}

status_json() {
  local orderers="[]" peers="[]" name
  for name in $(orderer_names); do orderers=$(jq -c --argjson o "$(orderer_json "$name")" '. + [$o]' <<<"$orderers"); done
  for name in $(peer_names); do peers=$(jq -c --argjson p "$(peer_json "$name")" '. + [$p]' <<<"$peers"); done
  local mode prefix=""
  mode=$(network_mode)
  [ "$mode" = docker ] && prefix="$(ctr_prefix)-"
  # In Docker a node has no pid on this host: it is found by its container (named PREFIX-NAME).
  jq -n --arg channel "$SFSB_CHANNEL" --argjson chaincode "$(chaincode_json)" \
    --argjson orderers "$orderers" --argjson peers "$peers" --argjson paths "$(paths_json)" \
    --argjson batching "$(batching_json)" --arg mode "$mode" --arg prefix "$prefix" \
    'def where: if $mode == "docker" then . + {pid: null, container: ($prefix + .name)} else . end;
     {channel: $channel, mode: $mode, batching: $batching,
      chaincode: ($chaincode | .servers |= map(where)), orderers: ($orderers | map(where)),
      peers: ($peers | map(where)), paths: $paths}'
}

batching_json() {
  if [ -f "$SFSB_CHANNEL_DIR/batching.json" ]; then cat "$SFSB_CHANNEL_DIR/batching.json"; else echo null; fi
}

network_status() {
  local json=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --json) json=1; shift ;;
      *) die "unknown option for network status: $1" ;;
    esac
  done
  ensure_fabric_binaries
  if [ ! -d "$SFSB_CRYPTO" ]; then
    if [ "$json" = 1 ]; then jq -n --arg channel "$SFSB_CHANNEL" '{channel: $channel, up: false}'; else say "The network has never been brought up here (no $SFSB_RUNTIME)."; fi
    return 0
  fi
  local status
  status=$(status_json)
  if [ "$json" = 1 ]; then
    printf '%s\n' "$status"
    return 0
  fi
  jq -r '
    "channel  \(.channel)   mode \(.mode)   BatchTimeout \(.batching.batchTimeout // "?")   MaxMessageCount \(.batching.maxMessageCount // "?")",
    "chaincode \(.chaincode.name)  sequence \(.chaincode.sequence // "not committed")  (one server per peer org, each org its own package)",
    "",
    "CHAINCODE SERVER     ORG        ADDRESS           PID      RUNNING  INSTALLED  APPROVED",
    (.chaincode.servers[] | "\(.name)\t     \(.org)\t\(.address)   \(.pid // "-")\t\(.running)\t \(.installedOnPeer // "-")\t    \(.approvedByOrg // "-")"),
    (.chaincode.servers[] | "  \(.org) package \(.packageId // "-")"),
    "",
    "ORDERER    ADDRESS          ADMIN            PID      RUNNING  RELATION   STATUS   HEIGHT  LEADER",
    (.orderers[] | "\(.name)   \(.address)   \(.adminAddress)   \(.pid // "-")\t\(.running)\t \(.consensusRelation // "-")  \(.status // "-")\t\(.height // "-")\t\(if .raftLeader then "*" else "" end)"),
    "",
    "PEER              ORG        MSP            ADDRESS          PID      RUNNING  HEIGHT",
    (.peers[] | "\(.name)\t  \(.org)\t\(.mspId)\t \(.address)   \(.pid // "-")\t\(.running)\t \(.height // "-")"),
    "",
    "orderer TLS CA   \(.paths.ordererTlsCaFile)",
    (.paths.orgs[] | "\(.mspId) TLS CA  \(.tlsCaFile)\n\(.mspId) admin   \(.adminMspDir)"),
    "FABRIC_CFG_PATH  \(.paths.fabricCfgPath)",
    "logs             \(.paths.logsDir)"' <<<"$status"
}

write_network_json() {
  jq -n --arg channel "$SFSB_CHANNEL" --arg chaincode "$SFSB_CHAINCODE" --argjson paths "$(paths_json)" \
    --argjson orderers "$(for n in $(orderer_names); do jq -cn --arg n "$n" --arg a "$SFSB_HOST:$(orderer_field "$n" 2)" \
      --arg ad "$SFSB_HOST:$(orderer_field "$n" 3)" '{name: $n, address: $a, adminAddress: $ad}'; done | jq -cs .)" \
    --arg root "$SFSB_ROOT" \
    '{channel: $channel, chaincode: $chaincode, orderers: $orderers, paths: $paths, sfsbroker: ($root + "/sfsbroker")}' \
    >"$SFSB_RUNTIME/network.json"
}
