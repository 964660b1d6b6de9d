# The broker chaincode as a service: its package, its definition on the channel, its server.
# Sourced, never run.

SFSB_CC_VERSION=${SFSB_CC_VERSION:-1}
SFSB_CC_SEQUENCE=${SFSB_CC_SEQUENCE:-1}
SFSB_CC_LABEL="${SFSB_CHAINCODE}_${SFSB_CC_VERSION}"
# SFSB_CC_JAR may name a prebuilt chaincode jar; otherwise the module's shaded jar is (re)built.
SFSB_CC_JAR_PREBUILT=${SFSB_CC_JAR:-}
SFSB_CC_JAR=${SFSB_CC_JAR:-$SFSB_ROOT/chaincode/target/sfsbroker-chaincode.jar}
SFSB_CC_DIR="$SFSB_RUNTIME/chaincode"
# The class that starts the chaincode server with mutual TLS (the jar's own main class,
# ContractRouter, has no setting for the client CAs).
SFSB_CC_MAIN=io.sfsbroker.chaincode.server.ChaincodeServerMain
# The name under which the single chaincode server of earlier versions was recorded.
SFSB_CC_LEGACY=chaincode

# Each peer org runs its own chaincode server (SFSB_CHAINCODE_SERVERS in network.env): its own
# process, pid file, log, port, TLS certificate from the org's TLS CA, and package.
cc_server_names() { table_names SFSB_CHAINCODE_SERVERS; }
cc_server_field() { table_field SFSB_CHAINCODE_SERVERS "$@"; }
cc_server_org() { cc_server_field "$1" 2; }
cc_server_port() { cc_server_field "$1" 3; }
cc_server_of_org() {
  local org=$1 name
  for name in $(cc_server_names); do
    if [ "$(cc_server_org "$name")" = "$org" ]; then printf '%s' "$name"; return 0; fi
  done
  return 1
}
cc_orgs() { for name in $(cc_server_names); do cc_server_org "$name"; echo; done; }
cc_org_dir() { printf '%s' "$SFSB_CC_DIR/$1"; }
cc_package() { printf '%s' "$(cc_org_dir "$1")/$SFSB_CC_LABEL.tar.gz"; }
cc_package_id() { cat "$(cc_org_dir "$1")/package-id" 2>/dev/null; }
# The chaincode server's TLS identity, issued by the org's TLS CA (crypto-config.yaml).
cc_server_tls() { printf '%s' "$(org_dir "$1")/peers/chaincode.$(org_domain "$1")/tls"; }
# The TLS client identity the org's peers present to its chaincode server: its first peer's TLS
# certificate (cryptogen issues node TLS certificates for client and server use).
cc_client_tls() { printf '%s' "$(peer_home "$(peer_of_org "$1" | cut -d. -f1)" "$1")/tls"; }

# is_cc_server NAME: whether NAME is one of the chaincode servers.
is_cc_server() { cc_server_field "$1" 1 >/dev/null; }

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

# package_chaincode ORG: writes ORG's chaincode-as-a-service package (metadata + connection.json,
# no code) and prints its package id. The connection names ORG's own server, trusts only ORG's
# TLS CA and carries the TLS client identity ORG's peers present (mutual TLS), so every org's
# package, and its id, is its own. The package holds that client key: it is readable by its
# owner only, and installed only on ORG's peers.
package_chaincode() {
  local org=$1 dir client
  dir=$(cc_org_dir "$org")
  client=$(cc_client_tls "$org")
  [ -f "$client/server.key" ] || die "no TLS identity for the $org peers in $client"
  (umask 077 && mkdir -p "$dir/src" &&
    jq -n --arg address "$(cc_server_address "$(cc_server_of_org "$org")")" \
      --rawfile root "$(org_tls_ca "$org")" --rawfile cert "$client/server.crt" --rawfile key "$client/server.key" \
      '{address: $address, dial_timeout: "10s", tls_required: true, client_auth_required: true,
        client_cert: $cert, client_key: $key, root_cert: $root}' >"$dir/src/connection.json" &&
    jq -n --arg name "$SFSB_CC_LABEL" '{"type": "ccaas", "label": $name}' >"$dir/src/metadata.json" &&
    # Fixed times and owners make the package, and so its id, the same on every run.
    cd "$dir/src" &&
    tar --mtime='2024-01-01 00:00Z' --owner=0 --group=0 --numeric-owner -czf code.tar.gz connection.json &&
    tar --mtime='2024-01-01 00:00Z' --owner=0 --group=0 --numeric-owner -czf "$(cc_package "$org")" metadata.json code.tar.gz) ||
    return 1
  FABRIC_CFG_PATH="$SFSB_RENDERED" "$FABRIC_BIN/peer" lifecycle chaincode calculatepackageid "$(cc_package "$org")"
}

# governing_orgs: the MSP ids of the channel's peer organisations, comma-separated: the
# organisations whose admins govern the market-wide settings (a majority approves each change).
# Every org's chaincode server reads them from SFSB_GOVERNANCE_ORGS; no transaction can change them.
governing_orgs() {
  local p
  for p in $(peer_names); do peer_field "$p" 3; echo; done | paste -sd, -
}

# retire_single_server: stops the one chaincode server of the earlier layout (recorded as
# `chaincode`), which served every org and held the port the tenants' server now uses.
retire_single_server() {
  docker_mode && return 0
  if is_running "$SFSB_CC_LEGACY"; then
    step "stopping the single chaincode server of the earlier layout (pid $(pid_of "$SFSB_CC_LEGACY"))"
    stop_process "$SFSB_CC_LEGACY"
  else
    rm -f "$SFSB_PIDS/$SFSB_CC_LEGACY.pid" "$SFSB_PIDS/$SFSB_CC_LEGACY.cmd" "$SFSB_PIDS/$SFSB_CC_LEGACY.start"
  fi
}

# cc_server_address NAME: where the org's peers dial its chaincode server (its package names it).
cc_server_address() { printf '%s:%s' "$(node_host "$1")" "$(cc_server_port "$1")"; }

# cc_server_b64 TLS_DIR DIR: in server mode the shim still builds a client TLS context from the
# *_PATH variables, which it expects to hold base64 of the PEM files (the form a peer hands to
# chaincode it launches): writes them into DIR. The key's copy is readable by its owner only.
cc_server_b64() {
  (umask 077 && base64 -w0 "$1/server.key" >"$2/server.key.b64")
  base64 -w0 "$1/server.crt" >"$2/server.crt.b64"
}

# cc_server_env NAME LISTEN TLS_DIR B64_DIR CLIENT_CA: the settings of chaincode server NAME, one
# VAR=value a line: it listens on LISTEN, its TLS identity is in TLS_DIR, the base64 copies in
# B64_DIR, and it accepts only TLS clients of CLIENT_CA (its org's TLS CA).
cc_server_env() {
  local name=$1 listen=$2 tls=$3 b64=$4 client_ca=$5 org
  org=$(cc_server_org "$name")
  cat <<EOF
CHAINCODE_SERVER_ADDRESS=$listen:$(cc_server_port "$name")
CORE_CHAINCODE_ID_NAME=$(cc_package_id "$org")
CORE_PEER_TLS_ENABLED=true
CORE_TLS_CLIENT_KEY_FILE=$tls/server.key
CORE_TLS_CLIENT_CERT_FILE=$tls/server.crt
CORE_TLS_CLIENT_KEY_PATH=$b64/server.key.b64
CORE_TLS_CLIENT_CERT_PATH=$b64/server.crt.b64
CORE_PEER_TLS_ROOTCERT_FILE=$tls/ca.crt
SFSB_CHAINCODE_CLIENT_CA_FILE=$client_ca
CORE_CHAINCODE_LOGGING_LEVEL=${SFSB_CHAINCODE_LOGGING:-info}
SFSB_GOVERNANCE_ORGS=$(governing_orgs)
EOF
}

# start_chaincode_server NAME: starts one org's chaincode server as the package id recorded for
# that org; a server already running as that id is left alone.
start_chaincode_server() {
  local name=$1 org port dir tls package_id
  org=$(cc_server_org "$name") || die "unknown chaincode server '$name'"
  port=$(cc_server_port "$name")
  dir=$(cc_org_dir "$org")
  tls=$(cc_server_tls "$org")
  package_id=$(cc_package_id "$org") || die "no package id for $org; run ./sfsbroker network up"
  if docker_mode; then ctr_start_cc_server "$name" "$package_id"; return; fi
  if is_running "$name"; then
    [ "$(cat "$dir/server-package-id" 2>/dev/null)" = "$package_id" ] && return 0
    stop_process "$name"
  fi
  port_taken "$port" && die "port $port ($name) is taken by another process"
  printf '%s' "$package_id" >"$dir/server-package-id"
  cc_server_b64 "$tls" "$dir"
  cc_server_env "$name" "$SFSB_HOST" "$tls" "$dir" "$(org_tls_ca "$org")" |
    start_native "$name" "$SFSB_LOGS/$name.log" \
      java ${SFSB_CHAINCODE_JAVA_OPTS:--Xmx384m} -cp "$SFSB_CC_JAR" "$SFSB_CC_MAIN"
  wait_until 60 "$name" port_taken "$port" ||
    die "$name did not listen on $port within 60 s; see $SFSB_LOGS/$name.log"
}

chaincode_committed_sequence() {
  as_org_admin broker "$FABRIC_BIN/peer" lifecycle chaincode querycommitted \
    -C "$SFSB_CHANNEL" -n "$SFSB_CHAINCODE" -O json 2>/dev/null | jq -r '.sequence // empty' || true
}

# approved_package_id ORG SEQUENCE: the package id ORG approved for the definition at SEQUENCE.
approved_package_id() {
  as_org_admin "$1" "$FABRIC_BIN/peer" lifecycle chaincode queryapproved -C "$SFSB_CHANNEL" \
    -n "$SFSB_CHAINCODE" --sequence "$2" -O json 2>/dev/null |
    jq -r '.source.Type.LocalPackage.package_id // empty' 2>/dev/null || true
}

# installed_package_ids ORG: the package ids installed on ORG's peer, one a line.
installed_package_ids() {
  as_org_admin "$1" "$FABRIC_BIN/peer" lifecycle chaincode queryinstalled -O json 2>/dev/null |
    jq -r '.installed_chaincodes // [] | .[].package_id' 2>/dev/null || true
}

approve_for_org() {
  local org=$1 package_id=$2
  local -a orderer_args
  mapfile -t orderer_args < <(orderer_endpoint_args)
  as_org_admin "$org" "$FABRIC_BIN/peer" lifecycle chaincode approveformyorg "${orderer_args[@]}" \
    -C "$SFSB_CHANNEL" -n "$SFSB_CHAINCODE" -v "$SFSB_CC_VERSION" --sequence "$SFSB_CC_SEQUENCE" \
    --package-id "$package_id" --waitForEvent >/dev/null 2>"$SFSB_LOGS/approve-$org.err" ||
    { cat "$SFSB_LOGS/approve-$org.err" >&2; die "approving the chaincode for $org failed"; }
}

# deploy_chaincode: each org packages its own chaincode, starts its own server, installs its own
# package on its own peers and approves the one definition with its own package id; the
# definition is committed once. On a network whose definition is already committed at this
# sequence with another package (the single package of the earlier layout), each org approves
# the same sequence again with its own package id, which Fabric allows: the definition stays the
# same, only the org's package changes.
deploy_chaincode() {
  ensure_chaincode_jar
  retire_single_server
  local org name package_id
  for org in $(cc_orgs); do
    package_id=$(package_chaincode "$org") || die "packaging the chaincode for $org failed"
    printf '%s' "$package_id" >"$(cc_org_dir "$org")/package-id"
    start_chaincode_server "$(cc_server_of_org "$org")"
  done

  for name in $(peer_names); do
    org=$(peer_field "$name" 2)
    package_id=$(cc_package_id "$org")
    if ! installed_package_ids "$org" | grep -qxF "$package_id"; then
      step "installing the $org chaincode package on $name"
      as_org_admin "$org" "$FABRIC_BIN/peer" lifecycle chaincode install "$(cc_package "$org")" >/dev/null ||
        die "installing the chaincode on $name failed"
    fi
  done

  local committed
  committed=$(chaincode_committed_sequence)
  if [ "$committed" = "$SFSB_CC_SEQUENCE" ]; then
    for org in $(cc_orgs); do
      package_id=$(cc_package_id "$org")
      if [ "$(approved_package_id "$org" "$SFSB_CC_SEQUENCE")" != "$package_id" ]; then
        step "approving sequence $SFSB_CC_SEQUENCE again for $org, with its own package"
        approve_for_org "$org" "$package_id"
      fi
    done
    return 0
  fi
  for org in $(cc_orgs); do
    step "approving the chaincode definition for $org (its own package)"
    approve_for_org "$org" "$(cc_package_id "$org")"
  done
  local -a orderer_args peer_args
  mapfile -t orderer_args < <(orderer_endpoint_args)
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
