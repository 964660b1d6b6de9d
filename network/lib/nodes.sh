# The nodes of the test network: where their files are, how they start and stop, how to reach
# them with the Fabric CLIs. Sourced, never run.

orderer_home() { printf '%s' "$SFSB_CRYPTO/ordererOrganizations/$SFSB_ORDERER_DOMAIN/orderers/$1.$SFSB_ORDERER_DOMAIN"; }
orderer_tls_ca() { printf '%s' "$SFSB_CRYPTO/ordererOrganizations/$SFSB_ORDERER_DOMAIN/tlsca/tlsca.$SFSB_ORDERER_DOMAIN-cert.pem"; }
orderer_admin_tls() { printf '%s' "$SFSB_CRYPTO/ordererOrganizations/$SFSB_ORDERER_DOMAIN/users/Admin@$SFSB_ORDERER_DOMAIN/tls"; }
org_domain() { printf '%s.%s' "$1" "$SFSB_PEER_DOMAIN_SUFFIX"; }
org_dir() { printf '%s' "$SFSB_CRYPTO/peerOrganizations/$(org_domain "$1")"; }
org_tls_ca() { printf '%s' "$(org_dir "$1")/tlsca/tlsca.$(org_domain "$1")-cert.pem"; }
org_admin_msp() { printf '%s' "$(org_dir "$1")/users/Admin@$(org_domain "$1")/msp"; }
org_user_msp() { printf '%s' "$(org_dir "$1")/users/User1@$(org_domain "$1")/msp"; }
peer_home() { printf '%s' "$(org_dir "$2")/peers/$1.$(org_domain "$2")"; }

# table_field TABLE NAME INDEX: field INDEX (1-based) of the row named NAME in one of the
# tables of network.env (SFSB_ORDERERS or SFSB_PEERS).
table_field() {
  local -n table=$1
  local name=$2 index=$3 row
  for row in "${table[@]}"; do
    set -- $row
    if [ "$1" = "$name" ]; then
      shift $((index - 1))
      printf '%s' "$1"
      return 0
    fi
  done
  return 1
}
table_names() {
  local -n table=$1
  local row
  for row in "${table[@]}"; do set -- $row; printf '%s\n' "$1"; done
}
orderer_field() { table_field SFSB_ORDERERS "$@"; }
peer_field() { table_field SFSB_PEERS "$@"; }
orderer_names() { table_names SFSB_ORDERERS; }
peer_names() { table_names SFSB_PEERS; }
# peer_of_org ORG: the first peer of an org (the one its admin talks to).
peer_of_org() {
  local org=$1 row
  for row in "${SFSB_PEERS[@]}"; do
    set -- $row
    if [ "$2" = "$org" ]; then printf '%s' "$1"; return 0; fi
  done
  return 1
}

# The network runs in one of two modes, chosen by the first `network up` of a runtime and
# remembered in it: native processes on loopback (the default), or one container per node
# (`network up --docker`, network/lib/containers.sh). Both start the nodes from the same settings
# (orderer_env, peer_env, cc_server_env); only the launcher and the paths differ.
SFSB_MODE_FILE="$SFSB_RUNTIME/mode"
network_mode() { if [ -f "$SFSB_MODE_FILE" ]; then cat "$SFSB_MODE_FILE"; else printf native; fi; }
docker_mode() { [ "$(network_mode)" = docker ]; }

# node_host NAME: the address under which the other nodes reach orderer, peer or chaincode
# server NAME: the loopback natively, its container's DNS name (its TLS certificate's) in Docker.
node_host() {
  if docker_mode; then node_fqdn "$1"; else printf '%s' "$SFSB_HOST"; fi
}
# node_fqdn NAME: the node's full name, which cryptogen puts in its certificates
# (orderer1.orderers.sfsbroker.test, peer0.broker.sfsbroker.test, chaincode.broker.sfsbroker.test).
node_fqdn() {
  if orderer_field "$1" 1 >/dev/null; then
    printf '%s.%s' "$1" "$SFSB_ORDERER_DOMAIN"
  else
    printf '%s.%s' "$1" "$SFSB_PEER_DOMAIN_SUFFIX"
  fi
}

# node_running NAME: whether the node's process (or container) runs.
node_running() {
  if docker_mode; then ctr_running "$1"; else is_running "$1"; fi
}

# orderer_env NAME LISTEN HOME TLS_CA DATA: the settings of orderer NAME, one VAR=value a line:
# it listens on LISTEN, its identity is in HOME (msp/, tls/), its ledger in DATA.
orderer_env() {
  local name=$1 listen=$2 home=$3 tls_ca=$4 data=$5
  cat <<EOF
FABRIC_LOGGING_SPEC=${SFSB_ORDERER_LOGGING:-info}
ORDERER_GENERAL_LISTENADDRESS=$listen
ORDERER_GENERAL_LISTENPORT=$(orderer_field "$name" 2)
ORDERER_GENERAL_LOCALMSPID=OrderersMSP
ORDERER_GENERAL_LOCALMSPDIR=$home/msp
ORDERER_GENERAL_TLS_PRIVATEKEY=$home/tls/server.key
ORDERER_GENERAL_TLS_CERTIFICATE=$home/tls/server.crt
ORDERER_GENERAL_TLS_ROOTCAS=[$home/tls/ca.crt]
ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE=$home/tls/server.crt
ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY=$home/tls/server.key
ORDERER_FILELEDGER_LOCATION=$data/ledger
ORDERER_CONSENSUS_WALDIR=$data/etcdraft/wal
ORDERER_CONSENSUS_SNAPDIR=$data/etcdraft/snapshot
ORDERER_OPERATIONS_LISTENADDRESS=$listen:$(orderer_field "$name" 4)
ORDERER_OPERATIONS_TLS_CERTIFICATE=$home/tls/server.crt
ORDERER_OPERATIONS_TLS_PRIVATEKEY=$home/tls/server.key
ORDERER_OPERATIONS_TLS_CLIENTROOTCAS=[$tls_ca]
ORDERER_ADMIN_LISTENADDRESS=$listen:$(orderer_field "$name" 3)
ORDERER_ADMIN_TLS_CERTIFICATE=$home/tls/server.crt
ORDERER_ADMIN_TLS_PRIVATEKEY=$home/tls/server.key
ORDERER_ADMIN_TLS_CLIENTROOTCAS=[$tls_ca]
EOF
}

# peer_env NAME LISTEN HOME DATA: the settings of peer NAME, one VAR=value a line: it listens on
# LISTEN, the other nodes reach it at node_host, its identity is in HOME, its ledger in DATA.
peer_env() {
  local name=$1 listen=$2 home=$3 data=$4 port ops advertised
  port=$(peer_field "$name" 4)
  ops=$(peer_field "$name" 5)
  advertised=$(node_host "$name")
  cat <<EOF
FABRIC_LOGGING_SPEC=${SFSB_PEER_LOGGING:-info}
CORE_PEER_ID=$name
CORE_PEER_LISTENADDRESS=$listen:$port
CORE_PEER_ADDRESS=$advertised:$port
CORE_PEER_CHAINCODELISTENADDRESS=$listen:$((port + 1))
CORE_PEER_CHAINCODEADDRESS=$advertised:$((port + 1))
CORE_PEER_GOSSIP_BOOTSTRAP=$advertised:$port
CORE_PEER_GOSSIP_EXTERNALENDPOINT=$advertised:$port
CORE_PEER_LOCALMSPID=$(peer_field "$name" 3)
CORE_PEER_MSPCONFIGPATH=$home/msp
CORE_PEER_TLS_ENABLED=true
CORE_PEER_TLS_CERT_FILE=$home/tls/server.crt
CORE_PEER_TLS_KEY_FILE=$home/tls/server.key
CORE_PEER_TLS_ROOTCERT_FILE=$home/tls/ca.crt
CORE_PEER_AUTHENTICATION_TIMEWINDOW=${SFSB_TIME_WINDOW:-10s}
CORE_PEER_FILESYSTEMPATH=$data
CORE_LEDGER_SNAPSHOTS_ROOTDIR=$data/snapshots
CORE_OPERATIONS_LISTENADDRESS=$listen:$ops
CORE_OPERATIONS_TLS_CERT_FILE=$home/tls/server.crt
CORE_OPERATIONS_TLS_KEY_FILE=$home/tls/server.key
CORE_OPERATIONS_TLS_CLIENTROOTCAS_FILES=$home/tls/ca.crt
EOF
}

# start_native NAME LOG COMMAND... < SETTINGS: start_process with the VAR=value lines on stdin
# added to the environment.
start_native() {
  local -a settings
  mapfile -t settings
  (
    export "${settings[@]}"
    start_process "$@"
  )
}

start_orderer() {
  local name=$1
  if docker_mode; then ctr_start_orderer "$name"; return; fi
  is_running "$name" && return 0
  mkdir -p "$SFSB_DATA/$name"
  orderer_env "$name" "$SFSB_HOST" "$(orderer_home "$name")" "$(orderer_tls_ca)" "$SFSB_DATA/$name" |
    FABRIC_CFG_PATH="$SFSB_CONFIG_DIR" start_native "$name" "$SFSB_LOGS/$name.log" "$FABRIC_BIN/orderer"
}

start_peer() {
  local name=$1
  if docker_mode; then ctr_start_peer "$name"; return; fi
  is_running "$name" && return 0
  mkdir -p "$SFSB_DATA/$name"
  peer_env "$name" "$SFSB_HOST" "$(peer_home "${name%%.*}" "$(peer_field "$name" 2)")" "$SFSB_DATA/$name" |
    FABRIC_CFG_PATH="$SFSB_RENDERED" start_native "$name" "$SFSB_LOGS/$name.log" "$FABRIC_BIN/peer" node start
}

# healthy TLS_CA PORT: whether the operations endpoint on PORT answers /healthz with OK.
healthy() {
  curl -sf --max-time 2 --cacert "$1" "https://$SFSB_HOST:$2/healthz" | grep -q '"status":"OK"'
}

# orderer_metrics ORDERER: the Prometheus metrics of one orderer (they need a client certificate
# when the operations endpoint uses TLS; the orderer org admin's TLS certificate serves).
orderer_metrics() {
  local tls
  tls=$(orderer_admin_tls)
  curl -sf --max-time 2 --cacert "$(orderer_tls_ca)" --cert "$tls/client.crt" --key "$tls/client.key" \
    "https://$SFSB_HOST:$(orderer_field "$1" 4)/metrics"
}

# orderer_is_leader ORDERER: whether the orderer leads the channel's Raft cluster right now.
orderer_is_leader() {
  local metrics
  metrics=$(orderer_metrics "$1") || return 1
  grep -q "^consensus_etcdraft_is_leader{channel=\"$SFSB_CHANNEL\"} 1" <<<"$metrics"
}

# peer_knows_all PEER: whether the peer's gossip sees every other peer of the channel, which the
# Gateway's endorsement needs (discovery finds the other orgs' peers through gossip).
peer_knows_all() {
  local name=$1 org metrics known
  org=$(peer_field "$name" 2)
  local tls
  tls="$(org_dir "$org")/users/Admin@$(org_domain "$org")/tls"
  metrics=$(curl -sf --max-time 2 --cacert "$(org_tls_ca "$org")" --cert "$tls/client.crt" \
    --key "$tls/client.key" "https://$SFSB_HOST:$(peer_field "$name" 5)/metrics") || return 1
  known=$(sed -n "s/^gossip_membership_total_peers_known{channel=\"$SFSB_CHANNEL\"} //p" <<<"$metrics")
  [ -n "$known" ] && [ "${known%.*}" -ge $((${#SFSB_PEERS[@]} - 1)) ]
}

# osnadmin_on ORDERER ARGS...: runs osnadmin against the admin endpoint of one orderer.
osnadmin_on() {
  local name=$1
  shift
  local tls
  tls=$(orderer_admin_tls)
  "$FABRIC_BIN/osnadmin" "$@" -o "$SFSB_HOST:$(orderer_field "$name" 3)" \
    --ca-file "$(orderer_tls_ca)" --client-cert "$tls/client.crt" --client-key "$tls/client.key"
}

# admin_answers ORDERER: whether the orderer's admin endpoint answers (any HTTP status). An orderer
# serves /healthz before it has read its ledger and opened the admin endpoint, so a restart that
# uses the admin endpoint waits for this too.
admin_answers() {
  osnadmin_on "$1" channel list 2>/dev/null | grep -q '^Status: '
}

# wait_orderer_ready ORDERER: waits until the orderer is healthy and its admin endpoint answers.
wait_orderer_ready() {
  local name=$1
  wait_until 60 "$name" healthy "$(orderer_tls_ca)" "$(orderer_field "$name" 4)" ||
    die "$name did not become healthy within 60 s; see $SFSB_LOGS/$name.log"
  wait_until 120 "$name admin endpoint" admin_answers "$name" ||
    die "the admin endpoint of $name (port $(orderer_field "$name" 3)) did not answer within 120 s; see $SFSB_LOGS/$name.log"
}

# as_org_admin ORG COMMAND...: runs a peer CLI command as the org's admin against its peer.
as_org_admin() {
  local org=$1 peer
  shift
  peer=$(peer_of_org "$org") || die "no peer for org $org"
  FABRIC_CFG_PATH="$SFSB_RENDERED" \
    FABRIC_LOGGING_SPEC=warning \
    CORE_PEER_LOCALMSPID="$(peer_field "$peer" 3)" \
    CORE_PEER_MSPCONFIGPATH="$(org_admin_msp "$org")" \
    CORE_PEER_ADDRESS="$SFSB_HOST:$(peer_field "$peer" 4)" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_ROOTCERT_FILE="$(org_tls_ca "$org")" \
    "$@"
}

# The CLI arguments that name a running orderer for broadcasts.
orderer_endpoint_args() {
  local name chosen=""
  for name in $(orderer_names); do
    if node_running "$name"; then chosen=$name; break; fi
  done
  [ -n "$chosen" ] || chosen=$(orderer_names | head -1)
  printf '%s\n' -o "$SFSB_HOST:$(orderer_field "$chosen" 2)" --tls --cafile "$(orderer_tls_ca)"
}

# The arguments that name every peer, for a transaction that needs all orgs' endorsements.
all_peer_args() {
  local name org
  for name in $(peer_names); do
    org=$(peer_field "$name" 2)
    printf '%s\n' --peerAddresses "$SFSB_HOST:$(peer_field "$name" 4)" --tlsRootCertFiles "$(org_tls_ca "$org")"
  done
}
