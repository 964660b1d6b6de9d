# `./sfsbroker mqtt …`: the Mosquitto broker of the devices (TLS, a client certificate per device,
# per-device ACLs), started and stopped by pid like the Fabric nodes. Sourced, never run.

SFSB_MQTT="$SFSB_RUNTIME/mqtt"
SFSB_MQTT_CA="$SFSB_MQTT/ca"
SFSB_MQTT_DEVICES="$SFSB_MQTT/devices"
SFSB_MQTT_MAX_PACKET_SIZE=${SFSB_MQTT_MAX_PACKET_SIZE:-262144}
# The bridge's certificate CN, which is its MQTT user name; no device may take it.
SFSB_MQTT_BRIDGE_ID=sfsb-bridge

mqtt_usage() {
  cat <<'USAGE'
Usage: ./sfsbroker mqtt <command>

  up                     create the CA and the broker's and bridge's certificates (once), render
                         the configuration, start Mosquitto on 127.0.0.1:$SFSB_MQTT_PORT (TLS)
  status [--json]        whether the broker runs, its pid, port and files
  down [--purge]         stop the broker (by pid); --purge also deletes the CA, certificates and
                         the broker's persistent sessions
  issue DEVICE_ID ROLE   issue a client certificate (CN = DEVICE_ID, OU = ROLE, ROLE one of
                         fog-node, rp), grant the role's topics, print the key and certificate paths
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

# mqtt_sign NAME SUBJECT EXTENSIONS: issues $SFSB_MQTT/NAME.{key,crt} from the runtime CA.
mqtt_sign() {
  local base=$1 subject=$2 extensions=$3
  mqtt_key "$base.key"
  openssl req -new -key "$base.key" -subj "$subject" -out "$base.csr" 2>/dev/null ||
    die "openssl could not create the request $base.csr"
  printf '%b\n' "$extensions" >"$base.ext"
  openssl x509 -req -in "$base.csr" -CA "$SFSB_MQTT_CA/ca.crt" -CAkey "$SFSB_MQTT_CA/ca.key" \
    -CAserial "$SFSB_MQTT_CA/ca.srl" -CAcreateserial -days 825 -sha256 -extfile "$base.ext" \
    -out "$base.crt" 2>/dev/null || die "openssl could not sign $base.crt"
  rm -f "$base.csr" "$base.ext"
}

# mqtt_generate_pki: the CA, the broker's server certificate and the bridge's client certificate,
# once per runtime folder (never committed).
mqtt_generate_pki() {
  mkdir -p "$SFSB_MQTT_CA" "$SFSB_MQTT/server" "$SFSB_MQTT/clients"
  if [ ! -f "$SFSB_MQTT_CA/ca.crt" ]; then
    step "creating the MQTT certificate authority"
    mqtt_key "$SFSB_MQTT_CA/ca.key"
    openssl req -x509 -new -key "$SFSB_MQTT_CA/ca.key" -subj "/O=SFSBroker/CN=SFSBroker MQTT CA" \
      -days 3650 -sha256 -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$SFSB_MQTT_CA/ca.crt" 2>/dev/null ||
      die "openssl could not create the MQTT CA"
  fi
  if [ ! -f "$SFSB_MQTT/server/server.crt" ]; then
    mqtt_sign "$SFSB_MQTT/server/server" "/O=SFSBroker/CN=$SFSB_HOST" \
      "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:$SFSB_HOST,DNS:localhost"
  fi
  if [ ! -f "$SFSB_MQTT/clients/$SFSB_MQTT_BRIDGE_ID.crt" ]; then
    mqtt_sign "$SFSB_MQTT/clients/$SFSB_MQTT_BRIDGE_ID" "/O=SFSBroker/OU=bridge/CN=$SFSB_MQTT_BRIDGE_ID" \
      "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth"
  fi
  touch "$SFSB_MQTT_DEVICES"
}

# mqtt_render_acl: the ACL file from the template and the issued devices, each granted its
# role's topics (docs/protocol.md).
mqtt_render_acl() {
  local acl="$SFSB_MQTT/acl" id role kind
  {
    sed "s#@BRIDGE_ID@#$SFSB_MQTT_BRIDGE_ID#g" "$SFSB_CONFIG_DIR/mosquitto/acl.header"
    while read -r id role; do
      [ -n "$id" ] || continue
      printf '\nuser %s\n' "$id"
      case "$role" in
        fog-node)
          for kind in request service failure decommission application application-service query; do
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
  mv "$acl.tmp" "$acl"
}

mqtt_render_config() {
  sed -e "s#@USER@#$(id -un)#g" -e "s#@DATA@#$SFSB_MQTT/data#g" -e "s#@PORT@#$SFSB_MQTT_PORT#g" \
    -e "s#@HOST@#$SFSB_HOST#g" -e "s#@CA_FILE@#$SFSB_MQTT_CA/ca.crt#g" \
    -e "s#@SERVER_CERT@#$SFSB_MQTT/server/server.crt#g" -e "s#@SERVER_KEY@#$SFSB_MQTT/server/server.key#g" \
    -e "s#@ACL_FILE@#$SFSB_MQTT/acl#g" -e "s#@MAX_PACKET_SIZE@#$SFSB_MQTT_MAX_PACKET_SIZE#g" \
    "$SFSB_CONFIG_DIR/mosquitto/mosquitto.conf" >"$SFSB_MQTT/mosquitto.conf"
  if grep -v '^ *#' "$SFSB_MQTT/mosquitto.conf" | grep -q '@[A-Z_]*@'; then
    die "mosquitto.conf has unfilled placeholders"
  fi
}

# mqtt_write_json: what clients and tests need, next to network.json.
mqtt_write_json() {
  jq -n --arg url "ssl://$SFSB_HOST:$SFSB_MQTT_PORT" --arg host "$SFSB_HOST" \
    --argjson port "$SFSB_MQTT_PORT" --arg ca "$SFSB_MQTT_CA/ca.crt" \
    --arg bridgeId "$SFSB_MQTT_BRIDGE_ID" \
    --arg bridgeCert "$SFSB_MQTT/clients/$SFSB_MQTT_BRIDGE_ID.crt" \
    --arg bridgeKey "$SFSB_MQTT/clients/$SFSB_MQTT_BRIDGE_ID.key" \
    --argjson maxPacketSize "$SFSB_MQTT_MAX_PACKET_SIZE" --arg script "$SFSB_ROOT/sfsbroker" \
    --arg runtime "$SFSB_RUNTIME" \
    '{url: $url, host: $host, port: $port, caFile: $ca,
      bridge: {id: $bridgeId, certFile: $bridgeCert, keyFile: $bridgeKey},
      maxPacketSize: $maxPacketSize, sfsbroker: $script, runtime: $runtime}' >"$SFSB_MQTT/mqtt.json.tmp"
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
  step "starting Mosquitto on $SFSB_HOST:$SFSB_MQTT_PORT (TLS, client certificates)"
  start_process mosquitto "$SFSB_LOGS/mosquitto.log" "$(command -v mosquitto)" -c "$SFSB_MQTT/mosquitto.conf"
  if ! wait_until 20 mosquitto port_taken "$SFSB_MQTT_PORT"; then
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
    rm -rf "$SFSB_MQTT" "$SFSB_LOGS/mosquitto.log"
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
  local id=$1 role=$2
  [[ $id =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ ]] ||
    die "a device id is 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit (the participant id), not '$id'"
  [[ $id == "$SFSB_MQTT_BRIDGE_ID"* ]] && die "device ids starting with $SFSB_MQTT_BRIDGE_ID are reserved for the bridge"
  case "$role" in
    fog-node | rp) ;;
    *) die "ROLE must be fog-node or rp, not '$role'" ;;
  esac
  mqtt_prerequisites
  mqtt_generate_pki
  local dir="$SFSB_MQTT/clients"
  if [ -f "$dir/$id.crt" ]; then
    grep -qFx "$id $role" "$SFSB_MQTT_DEVICES" ||
      die "device $id already has a certificate with another role; use a new id"
  else
    mqtt_sign "$dir/$id" "/O=SFSBroker/OU=$role/CN=$id" \
      "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth"
    printf '%s %s\n' "$id" "$role" >>"$SFSB_MQTT_DEVICES"
  fi
  mqtt_render_acl
  # Mosquitto re-reads its ACL file on SIGHUP.
  if mqtt_running; then
    kill -HUP "$(pid_of mosquitto)" 2>/dev/null || true
  fi
  say "key: $dir/$id.key"
  say "certificate: $dir/$id.crt"
  say "ca: $SFSB_MQTT_CA/ca.crt"
}
