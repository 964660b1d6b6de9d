# Block cutting settings of the channel (BatchTimeout, MaxMessageCount). Sourced, never run.
#
# They are chosen when `network up` creates the channel. On a running network, `network up
# --batch-timeout …` changes them with a channel configuration update signed by the orderer
# organisation's admin (the Orderer group's Admins policy), as an operator would.

record_batching() {
  jq -n --arg timeout "$1" --argjson count "$2" '{batchTimeout: $timeout, maxMessageCount: $count}' \
    >"$SFSB_CHANNEL_DIR/batching.json"
}

# as_orderer_admin COMMAND...: runs a peer CLI command as the orderer organisation's admin.
as_orderer_admin() {
  FABRIC_CFG_PATH="$SFSB_RENDERED" \
    FABRIC_LOGGING_SPEC=warning \
    CORE_PEER_LOCALMSPID=OrderersMSP \
    CORE_PEER_MSPCONFIGPATH="$SFSB_CRYPTO/ordererOrganizations/$SFSB_ORDERER_DOMAIN/users/Admin@$SFSB_ORDERER_DOMAIN/msp" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_ROOTCERT_FILE="$(orderer_tls_ca)" \
    "$@"
}

# configure_batching TIMEOUT COUNT: sets either or both (an empty value keeps the current one).
configure_batching() {
  local timeout=$1 count=$2
  local work="$SFSB_CHANNEL_DIR/update"
  local lator="$FABRIC_BIN/configtxlator"
  safe_rm_rf "$work"
  mkdir -p "$work"
  local -a orderer_args
  mapfile -t orderer_args < <(orderer_endpoint_args)

  as_orderer_admin "$FABRIC_BIN/peer" channel fetch config "$work/config_block.pb" "${orderer_args[@]}" \
    -c "$SFSB_CHANNEL" >"$work/fetch.log" 2>&1 || { cat "$work/fetch.log" >&2; die "fetching the channel configuration failed"; }
  "$lator" proto_decode --input "$work/config_block.pb" --type common.Block |
    jq '.data.data[0].payload.data.config' >"$work/config.json"

  local current_timeout current_count
  current_timeout=$(jq -r '.channel_group.groups.Orderer.values.BatchTimeout.value.timeout' "$work/config.json")
  current_count=$(jq -r '.channel_group.groups.Orderer.values.BatchSize.value.max_message_count' "$work/config.json")
  timeout=${timeout:-$current_timeout}
  count=${count:-$current_count}
  if [ "$timeout" = "$current_timeout" ] && [ "$count" = "$current_count" ]; then
    record_batching "$timeout" "$count"
    say "BatchTimeout is $timeout and MaxMessageCount $count already."
    return 0
  fi
  step "updating the channel: BatchTimeout $current_timeout -> $timeout, MaxMessageCount $current_count -> $count"
  jq --arg timeout "$timeout" --argjson count "$count" \
    '.channel_group.groups.Orderer.values.BatchTimeout.value.timeout = $timeout
     | .channel_group.groups.Orderer.values.BatchSize.value.max_message_count = $count' \
    "$work/config.json" >"$work/modified.json"
  "$lator" proto_encode --input "$work/config.json" --type common.Config --output "$work/config.pb"
  "$lator" proto_encode --input "$work/modified.json" --type common.Config --output "$work/modified.pb"
  "$lator" compute_update --channel_id "$SFSB_CHANNEL" --original "$work/config.pb" \
    --updated "$work/modified.pb" --output "$work/update.pb"
  "$lator" proto_decode --input "$work/update.pb" --type common.ConfigUpdate >"$work/update.json"
  jq -n --arg channel "$SFSB_CHANNEL" --slurpfile update "$work/update.json" \
    '{payload: {header: {channel_header: {channel_id: $channel, type: 2}}, data: {config_update: $update[0]}}}' \
    >"$work/envelope.json"
  "$lator" proto_encode --input "$work/envelope.json" --type common.Envelope --output "$work/envelope.pb"

  local before
  before=$(peer_height "$(peer_names | head -1)")
  as_orderer_admin "$FABRIC_BIN/peer" channel update -f "$work/envelope.pb" -c "$SFSB_CHANNEL" \
    "${orderer_args[@]}" >"$work/update.log" 2>&1 || { cat "$work/update.log" >&2; die "the channel update was refused"; }
  wait_until 30 "the configuration block" peer_height_above "$(peer_names | head -1)" "$before" ||
    die "the configuration block did not reach the peers within 30 s"
  record_batching "$timeout" "$count"
}

# peer_height PEER: the channel's block height at one peer.
peer_height() {
  local org
  org=$(peer_field "$1" 2)
  as_org_admin "$org" "$FABRIC_BIN/peer" channel getinfo -c "$SFSB_CHANNEL" 2>/dev/null |
    sed -n 's/^Blockchain info: //p' | jq '.height // empty' 2>/dev/null || true
}

peer_height_above() {
  local height
  height=$(peer_height "$1")
  [ -n "$height" ] && [ "$height" -gt "$2" ]
}
