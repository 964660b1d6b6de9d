# `./sfsbroker view …`: the operator view (docs/view.md), a read-only live web view of the broker,
# as a process of its own, started and stopped by pid. Sourced, never run.

SFSB_VIEW="$SFSB_RUNTIME/view"
# The view's port shifts with SFSB_PORT_OFFSET like every other port.
: "${SFSB_VIEW_PORT:=$((8600 + ${SFSB_PORT_OFFSET:-0}))}"

view_usage() {
  cat <<'USAGE'
Usage: ./sfsbroker view <command>

  up [--bind ADDRESS] [--org ORG]
             build the view when needed and start it against the running network; prints its
             URL. It listens on 127.0.0.1 over plain HTTP unless --bind names another address:
             then it serves HTTPS and admits only clients with a TLS certificate of ORG's CA
             (default org broker, whose ordinary user it reads as; docs/view.md)
  status     whether it runs, its pid, URL and log
  down       stop it (SIGTERM, by pid)

Port: SFSB_VIEW_PORT (default 8600 + SFSB_PORT_OFFSET).
USAGE
}

view_main() {
  local command=${1:-}
  [ $# -gt 0 ] && shift
  case "$command" in
    up) view_up "$@" ;;
    status) view_status "$@" ;;
    down) view_down "$@" ;;
    -h | --help | help | "") view_usage ;;
    *) view_usage >&2; die "unknown view command: $command" ;;
  esac
}

view_running() { is_running view; }

# view_url: where the running (or next) view answers.
view_url() {
  local bind scheme=http
  bind=$(jq -r '.bind' "$SFSB_VIEW/view.json" 2>/dev/null || echo 127.0.0.1)
  [ "$(jq -r '.serverTls != null' "$SFSB_VIEW/view.json" 2>/dev/null)" = true ] && scheme=https
  printf '%s://%s:%s/' "$scheme" "$bind" "$SFSB_VIEW_PORT"
}

# view_write_config BIND ORG: the view's view.json, with the addresses and TLS material that
# `network status` uses for health.
view_write_config() {
  local bind=$1 org=$2 name orderers="[]" peers="[]" servers="[]" server_tls=null
  for name in $(orderer_names); do
    orderers=$(jq -c --arg n "$name" --arg a "$SFSB_HOST:$(orderer_field "$name" 3)" \
      --arg o "$SFSB_HOST:$(orderer_field "$name" 4)" \
      '. + [{name: $n, adminAddress: $a, operationsAddress: $o}]' <<<"$orderers")
  done
  for name in $(peer_names); do
    local porg tls
    porg=$(peer_field "$name" 2)
    tls="$(org_dir "$porg")/users/Admin@$(org_domain "$porg")/tls"
    peers=$(jq -c --arg n "$name" --arg org "$porg" --arg o "$SFSB_HOST:$(peer_field "$name" 5)" \
      --arg ca "$(org_tls_ca "$porg")" --arg cert "$tls/client.crt" --arg key "$tls/client.key" \
      '. + [{name: $n, org: $org, operationsAddress: $o,
             tls: {caFile: $ca, certFile: $cert, keyFile: $key}}]' <<<"$peers")
  done
  for name in $(cc_server_names); do
    servers=$(jq -c --arg n "$name" --arg org "$(cc_server_org "$name")" \
      --arg a "$SFSB_HOST:$(cc_server_port "$name")" '. + [{name: $n, org: $org, address: $a}]' <<<"$servers")
  done
  if [ "$bind" != 127.0.0.1 ] && [ "$bind" != localhost ]; then
    local user
    user="$(org_dir "$org")/users/User1@$(org_domain "$org")/tls"
    [ -f "$user/client.crt" ] || die "no TLS certificate for the view in $user"
    server_tls=$(jq -cn --arg ca "$(org_tls_ca "$org")" --arg cert "$user/client.crt" --arg key "$user/client.key" \
      '{caFile: $ca, certFile: $cert, keyFile: $key}')
  fi
  local admin_tls
  admin_tls=$(orderer_admin_tls)
  jq -n --arg network "$SFSB_RUNTIME/network.json" --arg org "$org" --arg bind "$bind" \
    --argjson port "$SFSB_VIEW_PORT" --argjson orderers "$orderers" --argjson peers "$peers" \
    --argjson servers "$servers" --arg mqtt "$SFSB_HOST:$SFSB_MQTT_PORT" --arg pids "$SFSB_PIDS" \
    --arg oca "$(orderer_tls_ca)" --arg ocert "$admin_tls/client.crt" --arg okey "$admin_tls/client.key" \
    --argjson serverTls "$server_tls" \
    '{network: $network, org: $org, bind: $bind, port: $port, orderers: $orderers,
      ordererTls: {caFile: $oca, certFile: $ocert, keyFile: $okey}, peers: $peers,
      chaincodeServers: $servers, mqttAddress: $mqtt, pidsDir: $pids, serverTls: $serverTls}' \
    >"$SFSB_VIEW/view.json"
}

view_up() {
  local bind=127.0.0.1 org=broker
  while [ $# -gt 0 ]; do
    case "$1" in
      --bind) [ $# -ge 2 ] || die "--bind needs an address"; bind=$2; shift 2 ;;
      --org) [ $# -ge 2 ] || die "--org needs an org (broker, providers, tenants)"; org=$2; shift 2 ;;
      *) view_usage >&2; die "unknown option for view up: $1" ;;
    esac
  done
  [ -f "$SFSB_RUNTIME/network.json" ] || die "the network is not up; run ./sfsbroker network up"
  [ -d "$(org_dir "$org")" ] || die "no organisation $org in $SFSB_CRYPTO"
  if view_running; then
    say "The view is already running (pid $(pid_of view)): $(view_url)"
    return 0
  fi
  port_taken "$SFSB_VIEW_PORT" &&
    die "port $SFSB_VIEW_PORT (view) is taken by another process; free it or set SFSB_VIEW_PORT"
  local classpath
  classpath=$(module_classpath operator-view)
  mkdir -p "$SFSB_VIEW" "$SFSB_LOGS"
  view_write_config "$bind" "$org"
  local log="$SFSB_LOGS/view.log" from=0
  [ -f "$log" ] && from=$(wc -l <"$log")
  step "starting the operator view"
  start_process view "$log" "$(command -v java)" -Xmx256m -cp "$classpath" \
    io.sfsbroker.view.ViewMain "$SFSB_VIEW/view.json"
  if ! wait_until 60 view view_started "$log" "$from"; then
    tail -n 30 "$log" >&2 || true
    stop_process view
    die "the view did not start within 60 s; see $log"
  fi
  say "The operator view is up (pid $(pid_of view)): $(view_url)"
}

# view_started LOG FROM_LINE: whether the view has said it runs since line FROM_LINE, and lives.
view_started() {
  view_running || return 1
  tail -n "+$(($2 + 1))" "$1" | grep -q "operator view running on"
}

view_down() {
  [ $# -eq 0 ] || { view_usage >&2; die "view down takes no options"; }
  if view_running; then
    step "stopping the operator view (pid $(pid_of view))"
  fi
  stop_process view
}

view_status() {
  if view_running; then
    say "view: running (pid $(pid_of view)) at $(view_url), log $SFSB_LOGS/view.log"
  else
    say "view: stopped"
    return 1
  fi
}
