# `./sfsbroker mqtt …`: the Mosquitto broker of the devices (TLS, a client certificate per device,
# per-device ACLs), started and stopped by pid like the Fabric nodes. Sourced, never run.

SFSB_MQTT="$SFSB_RUNTIME/mqtt"
SFSB_MQTT_CA="$SFSB_MQTT/ca"
# The bridge's own CA: the bridge listener trusts only it, the device listener never does, so no
# device certificate can reach the listener where client ids are free.
SFSB_MQTT_BRIDGE_CA="$SFSB_MQTT/bridge-ca"
SFSB_MQTT_DEVICES="$SFSB_MQTT/devices"
# Device ids revoked by `./sfsbroker mqtt revoke` (one a line): no ACL grants, certificate on the CRL.
SFSB_MQTT_REVOKED="$SFSB_MQTT/revoked"
SFSB_MQTT_MAX_PACKET_SIZE=${SFSB_MQTT_MAX_PACKET_SIZE:-262144}
# Per-client limits (docs/protocol.md, "Limits"): messages queued for an offline or slow client
# beyond its in-flight window, and QoS 1/2 messages in flight to it at once.
SFSB_MQTT_MAX_QUEUED=${SFSB_MQTT_MAX_QUEUED:-10000}
SFSB_MQTT_MAX_INFLIGHT=${SFSB_MQTT_MAX_INFLIGHT:-20}
# The bridge's certificate CN, which is its MQTT user name; no device may take it.
SFSB_MQTT_BRIDGE_ID=sfsb-bridge

mqtt_usage() {
  cat <<'USAGE'
Usage: ./sfsbroker mqtt <command>

  up                     create the CAs and the broker's and bridge's certificates (once), render
                         the configuration, start Mosquitto on 127.0.0.1:$SFSB_MQTT_PORT (devices,
                         TLS) and 127.0.0.1:$SFSB_MQTT_BRIDGE_PORT (the bridge, TLS)
  status [--json]        whether the broker runs, its pid, port and files
  down [--purge]         stop the broker (by pid); --purge also deletes the CA, certificates and
                         the broker's persistent sessions
  issue DEVICE_ID ROLE   issue a client certificate (CN = DEVICE_ID, OU = ROLE, ROLE one of
                         fog-node, rp), grant the role's topics, print the key and certificate paths
  revoke DEVICE_ID       revoke a device at once: its grants leave the ACL, its certificate goes on
                         the CRL, its live connection is closed; it can never connect again
  revoked                list the revoked device ids
USAGE
}

mqtt_main() {
  local command=${1:-}
  [ $# -gt 0 ] && shift
  case "$command" in
    up) mqtt_up "$@" ;;
    status) mqtt_status "$@" ;;
    down) mqtt_down "$@" ;;
    issue) mqtt_issue "$@" ;;
    revoke) mqtt_revoke "$@" ;;
    revoked) [ -f "$SFSB_MQTT_REVOKED" ] && cat "$SFSB_MQTT_REVOKED"; true ;;
    -h | --help | help | "") mqtt_usage ;;
    *) mqtt_usage >&2; die "unknown mqtt command: $command" ;;
  esac
}

mqtt_prerequisites() {
  require_tool mosquitto "install Mosquitto (as root: apt-get install mosquitto)"
  require_tool openssl "install OpenSSL (as root: apt-get install openssl)"
}

# mqtt_key FILE: a new P-256 key in PKCS#8 PEM, readable by its owner only.
mqtt_key() {
  (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null) ||
    die "openssl could not create the key $1"
}

# mqtt_sign NAME SUBJECT EXTENSIONS [CA_DIR]: issues NAME.{key,crt} from the device CA (or the CA
# in CA_DIR).
mqtt_sign() {
  local base=$1 subject=$2 extensions=$3 ca=${4:-$SFSB_MQTT_CA}
  mqtt_key "$base.key"
  openssl req -new -key "$base.key" -subj "$subject" -out "$base.csr" 2>/dev/null ||
    die "openssl could not create the request $base.csr"
  printf '%b\n' "$extensions" >"$base.ext"
  openssl x509 -req -in "$base.csr" -CA "$ca/ca.crt" -CAkey "$ca/ca.key" \
    -CAserial "$ca/ca.srl" -CAcreateserial -days 825 -sha256 -extfile "$base.ext" \
    -out "$base.crt" 2>/dev/null || die "openssl could not sign $base.crt"
  rm -f "$base.csr" "$base.ext"
}

# mqtt_new_ca DIR NAME: a self-signed CA in DIR, once.
mqtt_new_ca() {
  local dir=$1 name=$2
  mkdir -p "$dir"
  [ -f "$dir/ca.crt" ] && return 0
  step "creating the $name"
  mqtt_key "$dir/ca.key"
  openssl req -x509 -new -key "$dir/ca.key" -subj "/O=SFSBroker/CN=SFSBroker $name" \
    -days 3650 -sha256 -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$dir/ca.crt" 2>/dev/null ||
    die "openssl could not create the $name"
}

# mqtt_ca_config: the openssl ca configuration that keeps the device CA's revocation database.
mqtt_ca_config() {
  local conf="$SFSB_MQTT_CA/ca.cnf"
  [ -f "$SFSB_MQTT_CA/index.txt" ] || : >"$SFSB_MQTT_CA/index.txt"
  [ -f "$SFSB_MQTT_CA/crlnumber" ] || printf '01\n' >"$SFSB_MQTT_CA/crlnumber"
  printf '%s\n' '[ ca ]' 'default_ca = sfsb' '[ sfsb ]' "database = $SFSB_MQTT_CA/index.txt" \
    "crlnumber = $SFSB_MQTT_CA/crlnumber" 'default_md = sha256' 'default_crl_days = 3650' >"$conf"
  printf '%s' "$conf"
}

# mqtt_write_crl: signs the device CA's revocation list afresh (Mosquitto takes the newest on
# SIGHUP, by its lastUpdate second, so two lists are never signed within one second).
mqtt_write_crl() {
  local conf
  conf=$(mqtt_ca_config)
  if [ -f "$SFSB_MQTT_CA/crl.pem" ] &&
    [ "$(stat -c %Y "$SFSB_MQTT_CA/crl.pem")" -ge "$(date +%s)" ]; then
    sleep 1
  fi
  openssl ca -batch -config "$conf" -gencrl -keyfile "$SFSB_MQTT_CA/ca.key" \
    -cert "$SFSB_MQTT_CA/ca.crt" -out "$SFSB_MQTT_CA/crl.pem.tmp" 2>/dev/null ||
    die "openssl could not sign the revocation list"
  mv "$SFSB_MQTT_CA/crl.pem.tmp" "$SFSB_MQTT_CA/crl.pem"
}

# mqtt_generate_pki: the device CA (with its revocation list), the bridge CA, the broker's server
# certificate and the bridge's client certificate, once per runtime folder (never committed).
mqtt_generate_pki() {
  mkdir -p "$SFSB_MQTT/server" "$SFSB_MQTT/clients"
  mqtt_new_ca "$SFSB_MQTT_CA" "MQTT CA"
  mqtt_new_ca "$SFSB_MQTT_BRIDGE_CA" "MQTT bridge CA"
  [ -f "$SFSB_MQTT_CA/crl.pem" ] || mqtt_write_crl
  if [ ! -f "$SFSB_MQTT/server/server.crt" ]; then
    mqtt_sign "$SFSB_MQTT/server/server" "/O=SFSBroker/CN=$SFSB_HOST" \
      "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:$SFSB_HOST,DNS:localhost"
  fi
  local bridge="$SFSB_MQTT/clients/$SFSB_MQTT_BRIDGE_ID"
  # A bridge certificate from before the bridge CA (signed by the device CA) is issued again.
  if [ ! -f "$bridge.crt" ] ||
    ! openssl verify -CAfile "$SFSB_MQTT_BRIDGE_CA/ca.crt" "$bridge.crt" >/dev/null 2>&1; then
    mqtt_sign "$bridge" "/O=SFSBroker/OU=bridge/CN=$SFSB_MQTT_BRIDGE_ID" \
      "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth" \
      "$SFSB_MQTT_BRIDGE_CA"
  fi
  touch "$SFSB_MQTT_DEVICES" "$SFSB_MQTT_REVOKED"
}

# mqtt_is_revoked ID: whether ./sfsbroker mqtt revoke took the device's access.
mqtt_is_revoked() { [ -f "$SFSB_MQTT_REVOKED" ] && grep -qFx -- "$1" "$SFSB_MQTT_REVOKED"; }

# mqtt_render_acl: the ACL file from the template and the issued devices, each granted its
# role's topics (docs/protocol.md).
mqtt_render_acl() {
  local acl="$SFSB_MQTT/acl" id role kind
  {
    sed "s#@BRIDGE_ID@#$SFSB_MQTT_BRIDGE_ID#g" "$SFSB_CONFIG_DIR/mosquitto/acl.header"
    while read -r id role; do
      [ -n "$id" ] || continue
      # A revoked device keeps no grant (and its certificate is on the CRL).
      mqtt_is_revoked "$id" && continue
      printf '\nuser %s\n' "$id"
      case "$role" in
        fog-node)
          for kind in request service failure decommission application application-service \
            application-release token query; do
            printf 'topic write sfsb/v1/in/%s/%s\n' "$id" "$kind"
          done
          printf 'topic read sfsb/v1/broadcast/fog-node/#\n'
          ;;
        rp)
          for kind in offer instantiation failure flow-bid query; do
            printf 'topic write sfsb/v1/in/%s/%s\n' "$id" "$kind"
          done
          printf 'topic read sfsb/v1/broadcast/rp/#\n'
          ;;
      esac
    done <"$SFSB_MQTT_DEVICES"
  } >"$acl.tmp"
  # Callers reload Mosquitto (SIGHUP) only when the ACL changed: each reload is a chance for the
  # broker to fail (Mosquitto 2.0.11 was seen to crash after several reloads in a row), and a
  # re-run that issues certificates it already issued changes nothing.
  if cmp -s "$acl.tmp" "$acl"; then
    rm -f "$acl.tmp"
    SFSB_MQTT_ACL_CHANGED=0
  else
    mv "$acl.tmp" "$acl"
    SFSB_MQTT_ACL_CHANGED=1
  fi
}

mqtt_render_config() {
  sed -e "s#@USER@#$(id -un)#g" -e "s#@DATA@#$SFSB_MQTT/data#g" -e "s#@PORT@#$SFSB_MQTT_PORT#g" \
    -e "s#@HOST@#$SFSB_HOST#g" -e "s#@CA_FILE@#$SFSB_MQTT_CA/ca.crt#g" \
    -e "s#@SERVER_CERT@#$SFSB_MQTT/server/server.crt#g" -e "s#@SERVER_KEY@#$SFSB_MQTT/server/server.key#g" \
    -e "s#@ACL_FILE@#$SFSB_MQTT/acl#g" -e "s#@MAX_PACKET_SIZE@#$SFSB_MQTT_MAX_PACKET_SIZE#g" \
    -e "s#@BRIDGE_PORT@#$SFSB_MQTT_BRIDGE_PORT#g" -e "s#@BRIDGE_CA_FILE@#$SFSB_MQTT_BRIDGE_CA/ca.crt#g" \
    -e "s#@CRL_FILE@#$SFSB_MQTT_CA/crl.pem#g" -e "s#@MAX_QUEUED@#$SFSB_MQTT_MAX_QUEUED#g" \
    -e "s#@MAX_INFLIGHT@#$SFSB_MQTT_MAX_INFLIGHT#g" \
    "$SFSB_CONFIG_DIR/mosquitto/mosquitto.conf" >"$SFSB_MQTT/mosquitto.conf"
  if grep -v '^ *#' "$SFSB_MQTT/mosquitto.conf" | grep -q '@[A-Z_]*@'; then
    die "mosquitto.conf has unfilled placeholders"
  fi
}

# mqtt_write_json: what clients and tests need, next to network.json.
mqtt_write_json() {
  jq -n --arg url "ssl://$SFSB_HOST:$SFSB_MQTT_PORT" --arg host "$SFSB_HOST" \
    --argjson port "$SFSB_MQTT_PORT" --arg ca "$SFSB_MQTT_CA/ca.crt" \
    --arg bridgeId "$SFSB_MQTT_BRIDGE_ID" --arg bridgeUrl "ssl://$SFSB_HOST:$SFSB_MQTT_BRIDGE_PORT" \
    --arg bridgeCert "$SFSB_MQTT/clients/$SFSB_MQTT_BRIDGE_ID.crt" \
    --arg bridgeKey "$SFSB_MQTT/clients/$SFSB_MQTT_BRIDGE_ID.key" \
    --argjson maxPacketSize "$SFSB_MQTT_MAX_PACKET_SIZE" --argjson maxQueued "$SFSB_MQTT_MAX_QUEUED" \
    --argjson maxInflight "$SFSB_MQTT_MAX_INFLIGHT" --arg script "$SFSB_ROOT/sfsbroker" \
    --arg runtime "$SFSB_RUNTIME" \
    '{url: $url, host: $host, port: $port, caFile: $ca,
      bridge: {id: $bridgeId, url: $bridgeUrl, certFile: $bridgeCert, keyFile: $bridgeKey},
      maxPacketSize: $maxPacketSize, maxQueuedMessages: $maxQueued, maxInflightMessages: $maxInflight, sfsbroker: $script, runtime: $runtime}' >"$SFSB_MQTT/mqtt.json.tmp"
  mv "$SFSB_MQTT/mqtt.json.tmp" "$SFSB_RUNTIME/mqtt.json"
}

mqtt_running() { is_running mosquitto; }

mqtt_up() {
  [ $# -eq 0 ] || { mqtt_usage >&2; die "mqtt up takes no options"; }
  mqtt_prerequisites
  require_tool jq "install jq (apt-get install jq)"
  mkdir -p "$SFSB_MQTT/data" "$SFSB_LOGS" "$SFSB_PIDS"
  mqtt_generate_pki
  mqtt_render_acl
  mqtt_render_config
  mqtt_write_json
  if mqtt_running; then
    kill -HUP "$(pid_of mosquitto)" 2>/dev/null || true
    say "The MQTT broker is already running on $SFSB_HOST:$SFSB_MQTT_PORT (configuration reloaded)."
    return 0
  fi
  port_taken "$SFSB_MQTT_PORT" &&
    die "port $SFSB_MQTT_PORT (mqtt) is taken by another process; free it or set SFSB_MQTT_PORT"
  port_taken "$SFSB_MQTT_BRIDGE_PORT" &&
    die "port $SFSB_MQTT_BRIDGE_PORT (mqtt bridge) is taken by another process; free it or set SFSB_MQTT_BRIDGE_PORT"
  step "starting Mosquitto on $SFSB_HOST:$SFSB_MQTT_PORT (devices) and :$SFSB_MQTT_BRIDGE_PORT (bridge), TLS with client certificates"
  start_process mosquitto "$SFSB_LOGS/mosquitto.log" "$(command -v mosquitto)" -c "$SFSB_MQTT/mosquitto.conf"
  if ! wait_until 20 mosquitto port_taken "$SFSB_MQTT_PORT" ||
    ! wait_until 5 mosquitto port_taken "$SFSB_MQTT_BRIDGE_PORT"; then
    tail -n 20 "$SFSB_LOGS/mosquitto.log" >&2 || true
    stop_process mosquitto
    die "Mosquitto did not listen on $SFSB_MQTT_PORT within 20 s; see $SFSB_LOGS/mosquitto.log"
  fi
  mqtt_running || die "Mosquitto exited; see $SFSB_LOGS/mosquitto.log"
  say "The MQTT broker is up: ssl://$SFSB_HOST:$SFSB_MQTT_PORT. Clients read $SFSB_RUNTIME/mqtt.json."
}

mqtt_down() {
  local purge=0
  case "${1:-}" in
    --purge) purge=1 ;;
    "") ;;
    *) mqtt_usage >&2; die "unknown option for mqtt down: $1" ;;
  esac
  if mqtt_running; then
    step "stopping Mosquitto (pid $(pid_of mosquitto))"
  fi
  stop_process mosquitto
  rm -f "$SFSB_RUNTIME/mqtt.json"
  if [ "$purge" = 1 ]; then
    safe_rm_rf "$SFSB_MQTT"
    rm -f "$SFSB_LOGS/mosquitto.log"
  fi
}

mqtt_status() {
  local running=false pid=""
  if mqtt_running; then
    running=true
    pid=$(pid_of mosquitto)
  fi
  if [ "${1:-}" = --json ]; then
    jq -n --argjson running "$running" --arg pid "$pid" --arg url "ssl://$SFSB_HOST:$SFSB_MQTT_PORT" \
      --arg config "$SFSB_MQTT/mosquitto.conf" --arg log "$SFSB_LOGS/mosquitto.log" \
      --argjson devices "$(wc -l <"$SFSB_MQTT_DEVICES" 2>/dev/null || echo 0)" \
      '{running: $running, pid: (if $pid == "" then null else ($pid | tonumber) end), url: $url,
        config: $config, log: $log, devices: $devices}'
  else
    if [ "$running" = true ]; then
      say "Mosquitto: running (pid $pid) on ssl://$SFSB_HOST:$SFSB_MQTT_PORT"
    else
      say "Mosquitto: not running"
    fi
    say "config: $SFSB_MQTT/mosquitto.conf  log: $SFSB_LOGS/mosquitto.log"
  fi
}

mqtt_issue() {
  [ $# -eq 2 ] || { mqtt_usage >&2; die "usage: ./sfsbroker mqtt issue DEVICE_ID ROLE"; }
  local id=$1 role=$2 dir="$SFSB_MQTT/clients"
  mqtt_check_device "$id" "$role"
  mqtt_prerequisites
  mqtt_generate_pki
  mqtt_add_device "$id" "$role"
  mqtt_render_acl
  # Mosquitto re-reads its ACL file on SIGHUP.
  if [ "$SFSB_MQTT_ACL_CHANGED" = 1 ] && mqtt_running; then
    kill -HUP "$(pid_of mosquitto)" 2>/dev/null || true
  fi
  say "key: $dir/$id.key"
  say "certificate: $dir/$id.crt"
  say "ca: $SFSB_MQTT_CA/ca.crt"
}

# mqtt_check_device ID ROLE: refuses an id or role a device certificate may not carry.
mqtt_check_device() {
  local id=$1 role=$2
  [[ $id =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ ]] ||
    die "a device id is 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit (the participant id), not '$id'"
  [[ $id == "$SFSB_MQTT_BRIDGE_ID"* ]] && die "device ids starting with $SFSB_MQTT_BRIDGE_ID are reserved for the bridge"
  mqtt_is_revoked "$id" && die "device $id was revoked; a revoked id is never issued again, use a new id"
  case "$role" in
    fog-node | rp) ;;
    *) die "ROLE must be fog-node or rp, not '$role'" ;;
  esac
}

# mqtt_add_device ID ROLE: signs device ID's certificate and lists it, unless it has one already
# (with the same role; another role is refused).
mqtt_add_device() {
  local id=$1 role=$2 dir="$SFSB_MQTT/clients"
  if [ -f "$dir/$id.crt" ]; then
    grep -qFx "$id $role" "$SFSB_MQTT_DEVICES" ||
      die "device $id already has a certificate with another role; use a new id"
  else
    mqtt_sign "$dir/$id" "/O=SFSBroker/OU=$role/CN=$id" \
      "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth"
    printf '%s %s\n' "$id" "$role" >>"$SFSB_MQTT_DEVICES"
  fi
}

# mqtt_issue_quietly ROLE ID...: issues a certificate to every ID of ROLE that has none yet, with
# one ACL render and at most one reload for all of them (the benchmarks issue dozens at once).
mqtt_issue_quietly() {
  local role=$1 id
  shift
  for id in "$@"; do mqtt_check_device "$id" "$role"; done
  mqtt_prerequisites
  mqtt_generate_pki
  for id in "$@"; do mqtt_add_device "$id" "$role"; done
  mqtt_render_acl
  if [ "$SFSB_MQTT_ACL_CHANGED" = 1 ] && mqtt_running; then
    kill -HUP "$(pid_of mosquitto)" 2>/dev/null || true
    sleep 1
  fi
}

# mqtt_kick ID: closes the live connection of device ID, if any. A throw-away certificate with the
# device's common name connects (with a clean session) on the device listener, where the client id
# is the certificate's name, so the broker closes the device's connection and drops its session;
# then that certificate is revoked too. The MQTT packets are written by hand: CONNECT (MQTT 3.1.1,
# clean session, keep-alive 10 s) and, after the CONNACK, DISCONNECT.
mqtt_kick() {
  local id=$1 dir
  dir=$(mktemp -d "$SFSB_MQTT/kick.XXXXXX") || die "cannot create a temporary folder in $SFSB_MQTT"
  mqtt_sign "$dir/kick" "/O=SFSBroker/OU=revocation/CN=$id" \
    "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth"
  # CONNECT: remaining length 13 = variable header (10) + client id "k" (2 + 1).
  { printf '\x10\x0d\x00\x04MQTT\x04\x02\x00\x0a\x00\x01k'; sleep 1; printf '\xe0\x00'; sleep 0.2; } |
    timeout 10 openssl s_client -quiet -connect "$SFSB_HOST:$SFSB_MQTT_PORT" -CAfile "$SFSB_MQTT_CA/ca.crt" \
      -cert "$dir/kick.crt" -key "$dir/kick.key" >/dev/null 2>&1 || true
  openssl ca -batch -config "$(mqtt_ca_config)" -revoke "$dir/kick.crt" \
    -keyfile "$SFSB_MQTT_CA/ca.key" -cert "$SFSB_MQTT_CA/ca.crt" >/dev/null 2>&1 ||
    die "openssl could not revoke the temporary certificate $dir/kick.crt"
  safe_rm_rf "$dir"
}

# mqtt_revoke ID: takes a device's MQTT access at once (docs/protocol.md, "Revocation"). Its grants
# leave the ACL and its certificate goes on the CRL, both reloaded by SIGHUP, so it can never
# connect again; then its live connection, if any, is closed. Idempotent.
mqtt_revoke() {
  [ $# -eq 1 ] || { mqtt_usage >&2; die "usage: ./sfsbroker mqtt revoke DEVICE_ID"; }
  local id=$1
  [[ $id =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ ]] || die "not a device id: '$id'"
  [[ $id == "$SFSB_MQTT_BRIDGE_ID"* ]] && die "$id is the bridge's identity, not a device's"
  mqtt_prerequisites
  local cert="$SFSB_MQTT/clients/$id.crt"
  [ -f "$cert" ] || die "no device $id was issued a certificate here ($cert is missing)"
  mqtt_generate_pki
  mqtt_is_revoked "$id" || printf '%s\n' "$id" >>"$SFSB_MQTT_REVOKED"
  mqtt_render_acl
  local serial
  serial=$(openssl x509 -in "$cert" -noout -serial | cut -d= -f2)
  if ! grep -q "^R.*	$serial	" "$SFSB_MQTT_CA/index.txt" 2>/dev/null; then
    openssl ca -batch -config "$(mqtt_ca_config)" -revoke "$cert" -keyfile "$SFSB_MQTT_CA/ca.key" \
      -cert "$SFSB_MQTT_CA/ca.crt" >/dev/null 2>&1 || die "openssl could not revoke $cert"
  fi
  mqtt_write_crl
  if mqtt_running; then
    kill -HUP "$(pid_of mosquitto)" 2>/dev/null || true
    # Mosquitto reloads between two network events; give it a moment before the kick.
    sleep 0.5
    mqtt_kick "$id"
    mqtt_write_crl
    kill -HUP "$(pid_of mosquitto)" 2>/dev/null || true
  fi
  say "revoked: $id (certificate serial $serial is on $SFSB_MQTT_CA/crl.pem)"
}
