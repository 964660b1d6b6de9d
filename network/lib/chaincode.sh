# The broker chaincode as a service: its package, its definition on the channel, its server.
# Sourced, never run.

SFSB_CC_VERSION=${SFSB_CC_VERSION:-1}
SFSB_CC_SEQUENCE=${SFSB_CC_SEQUENCE:-1}
SFSB_CC_LABEL="${SFSB_CHAINCODE}_${SFSB_CC_VERSION}"
# SFSB_CC_JAR may name a prebuilt chaincode jar; otherwise the module's shaded jar is (re)built.
SFSB_CC_JAR_PREBUILT=${SFSB_CC_JAR:-}
SFSB_CC_JAR=${SFSB_CC_JAR:-$SFSB_ROOT/chaincode/target/sfsbroker-chaincode.jar}
SFSB_CC_DIR="$SFSB_RUNTIME/chaincode"
SFSB_CC_PACKAGE="$SFSB_CC_DIR/$SFSB_CC_LABEL.tar.gz"
SFSB_CC_SERVER_TLS="$SFSB_CRYPTO/peerOrganizations/$(org_domain broker)/peers/chaincode.$(org_domain broker)/tls"

ensure_chaincode_jar() {
  if [ -n "$SFSB_CC_JAR_PREBUILT" ]; then
    [ -f "$SFSB_CC_JAR_PREBUILT" ] || die "SFSB_CC_JAR=$SFSB_CC_JAR_PREBUILT does not exist"
    return 0
  fi
  if [ ! -f "$SFSB_CC_JAR" ] || [ -n "$(find "$SFSB_ROOT/chaincode/src" "$SFSB_ROOT/chaincode/pom.xml" -newer "$SFSB_CC_JAR" -print -quit 2>/dev/null)" ]; then
    step "building the chaincode jar"
    (cd "$SFSB_ROOT" && mvn -B -q -ntp -pl chaincode -am package -DskipTests -Dspotless.check.skip=true) ||
      die "building the chaincode failed"
  fi
}

# package_chaincode: writes the chaincode-as-a-service package (metadata + connection.json,
# no code) and prints its package id.
package_chaincode() {
  mkdir -p "$SFSB_CC_DIR/src"
  jq -n --arg address "$SFSB_HOST:$SFSB_CHAINCODE_PORT" --rawfile root "$(org_tls_ca broker)" \
    '{address: $address, dial_timeout: "10s", tls_required: true, client_auth_required: false, root_cert: $root}' \
    >"$SFSB_CC_DIR/src/connection.json"
  jq -n --arg name "$SFSB_CC_LABEL" '{"type": "ccaas", "label": $name}' >"$SFSB_CC_DIR/src/metadata.json"
  # Fixed times and owners make the package, and so its id, the same on every run.
  (cd "$SFSB_CC_DIR/src" &&
    tar --mtime='2024-01-01 00:00Z' --owner=0 --group=0 --numeric-owner -czf code.tar.gz connection.json &&
    tar --mtime='2024-01-01 00:00Z' --owner=0 --group=0 --numeric-owner -czf "$SFSB_CC_PACKAGE" metadata.json code.tar.gz)
  FABRIC_CFG_PATH="$SFSB_RENDERED" "$FABRIC_BIN/peer" lifecycle chaincode calculatepackageid "$SFSB_CC_PACKAGE"
}

# governing_orgs: the MSP ids of the channel's peer organisations, comma-separated: the
# organisations whose admins govern the market-wide settings (a majority approves each change).
# The chaincode server reads them from SFSB_GOVERNANCE_ORGS; no transaction can change them.
governing_orgs() {
  local p
  for p in $(peer_names); do peer_field "$p" 3; echo; done | paste -sd, -
}

start_chaincode_server() {
  local package_id=$1
  if is_running chaincode; then
    if [ "$(cat "$SFSB_CC_DIR/package-id" 2>/dev/null)" = "$package_id" ]; then
      return 0
    fi
    stop_process chaincode
  fi
  port_taken "$SFSB_CHAINCODE_PORT" && die "port $SFSB_CHAINCODE_PORT (chaincode server) is taken by another process"
  printf '%s' "$package_id" >"$SFSB_CC_DIR/package-id"
  # In server mode the shim still builds a client TLS context from the *_PATH variables, which
  # it expects to hold base64 of the PEM files (the form a peer hands to chaincode it launches).
  base64 -w0 "$SFSB_CC_SERVER_TLS/server.key" >"$SFSB_CC_DIR/server.key.b64"
  base64 -w0 "$SFSB_CC_SERVER_TLS/server.crt" >"$SFSB_CC_DIR/server.crt.b64"
  CHAINCODE_SERVER_ADDRESS="$SFSB_HOST:$SFSB_CHAINCODE_PORT" \
    CORE_CHAINCODE_ID_NAME="$package_id" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_TLS_CLIENT_KEY_FILE="$SFSB_CC_SERVER_TLS/server.key" \
    CORE_TLS_CLIENT_CERT_FILE="$SFSB_CC_SERVER_TLS/server.crt" \
    CORE_TLS_CLIENT_KEY_PATH="$SFSB_CC_DIR/server.key.b64" \
    CORE_TLS_CLIENT_CERT_PATH="$SFSB_CC_DIR/server.crt.b64" \
    CORE_PEER_TLS_ROOTCERT_FILE="$SFSB_CC_SERVER_TLS/ca.crt" \
    CORE_CHAINCODE_LOGGING_LEVEL="${SFSB_CHAINCODE_LOGGING:-info}" \
    SFSB_GOVERNANCE_ORGS="$(governing_orgs)" \
    start_process chaincode "$SFSB_LOGS/chaincode.log" \
    java ${SFSB_CHAINCODE_JAVA_OPTS:--Xmx512m} -jar "$SFSB_CC_JAR"
  wait_until 60 "chaincode server" port_taken "$SFSB_CHAINCODE_PORT" ||
    die "the chaincode server did not listen on $SFSB_CHAINCODE_PORT within 60 s; see $SFSB_LOGS/chaincode.log"
}

chaincode_committed_sequence() {
  as_org_admin broker "$FABRIC_BIN/peer" lifecycle chaincode querycommitted \
    -C "$SFSB_CHANNEL" -n "$SFSB_CHAINCODE" -O json 2>/dev/null | jq -r '.sequence // empty' || true
}

deploy_chaincode() {
  ensure_chaincode_jar
  local package_id org
  package_id=$(package_chaincode) || die "packaging the chaincode failed"
  start_chaincode_server "$package_id"

  for org in $(for p in $(peer_names); do peer_field "$p" 2; echo; done); do
    if ! as_org_admin "$org" "$FABRIC_BIN/peer" lifecycle chaincode queryinstalled -O json 2>/dev/null |
      jq -e --arg id "$package_id" '.installed_chaincodes // [] | any(.package_id == $id)' >/dev/null; then
      step "installing the chaincode package on the $org peer"
      as_org_admin "$org" "$FABRIC_BIN/peer" lifecycle chaincode install "$SFSB_CC_PACKAGE" >/dev/null ||
        die "installing the chaincode on the $org peer failed"
    fi
  done

  local committed
  committed=$(chaincode_committed_sequence)
  if [ "$committed" = "$SFSB_CC_SEQUENCE" ]; then
    return 0
  fi
  local -a orderer_args
  mapfile -t orderer_args < <(orderer_endpoint_args)
  for org in $(for p in $(peer_names); do peer_field "$p" 2; echo; done); do
    step "approving the chaincode definition for $org"
    as_org_admin "$org" "$FABRIC_BIN/peer" lifecycle chaincode approveformyorg "${orderer_args[@]}" \
      -C "$SFSB_CHANNEL" -n "$SFSB_CHAINCODE" -v "$SFSB_CC_VERSION" --sequence "$SFSB_CC_SEQUENCE" \
      --package-id "$package_id" --waitForEvent >/dev/null 2>"$SFSB_LOGS/approve-$org.err" ||
      { cat "$SFSB_LOGS/approve-$org.err" >&2; die "approving the chaincode for $org failed"; }
  done
  local -a peer_args
  mapfile -t peer_args < <(all_peer_args)
  step "committing the chaincode definition (sequence $SFSB_CC_SEQUENCE)"
  as_org_admin broker "$FABRIC_BIN/peer" lifecycle chaincode commit "${orderer_args[@]}" \
    -C "$SFSB_CHANNEL" -n "$SFSB_CHAINCODE" -v "$SFSB_CC_VERSION" --sequence "$SFSB_CC_SEQUENCE" \
    "${peer_args[@]}" --waitForEvent >/dev/null 2>"$SFSB_LOGS/commit.err" ||
    { cat "$SFSB_LOGS/commit.err" >&2; die "committing the chaincode definition failed"; }
}

# prove_commit: submits a probe transaction through the peer CLI, waits until it is committed,
# and reads it back.
prove_commit() {
  local id="up-$(date +%s%N)"
  local -a orderer_args peer_args
  mapfile -t orderer_args < <(orderer_endpoint_args)
  mapfile -t peer_args < <(all_peer_args)
  local args
  args=$(jq -cn --arg id "$id" '{function: "probe:record", Args: [$id, "network up"]}')
  local attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    if as_org_admin broker "$FABRIC_BIN/peer" chaincode invoke "${orderer_args[@]}" -C "$SFSB_CHANNEL" \
      -n "$SFSB_CHAINCODE" "${peer_args[@]}" -c "$args" --waitForEvent >/dev/null 2>"$SFSB_LOGS/probe.err"; then
      as_org_admin tenants "$FABRIC_BIN/peer" chaincode query -C "$SFSB_CHANNEL" -n "$SFSB_CHAINCODE" \
        -c "$(jq -cn --arg id "$id" '{function: "probe:read", Args: [$id]}')" 2>/dev/null | grep -q 'network up' &&
        return 0
    fi
    sleep 2
  done
  cat "$SFSB_LOGS/probe.err" >&2
  die "no transaction could be committed; see $SFSB_LOGS"
}
