# Prerequisites, `./sfsbroker test`, `demo`, `simulate` and `bench`. Sourced, never run.

# install_prerequisites: installs from Debian what a fresh machine lacks (as root).
install_prerequisites() {
  local missing=() tool package pair
  for pair in java:openjdk-17-jdk-headless mvn:maven jq:jq curl:curl setsid:util-linux tar:tar base64:coreutils \
    mosquitto:mosquitto openssl:openssl tc:iproute2 nsenter:util-linux chromium:chromium \
    chromedriver:chromium-driver; do
    tool=${pair%%:*}
    package=${pair#*:}
    command -v "$tool" >/dev/null 2>&1 || missing+=("$package")
  done
  if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
    PATH="$PATH:/usr/local/go/bin"
  fi
  if [ -z "${FABRIC_BIN:-}" ] && ! command -v go >/dev/null 2>&1; then
    missing+=(golang-go)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || die "missing packages: ${missing[*]}; install them (as root: apt-get install ${missing[*]})"
    step "installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
      die "apt-get could not install ${missing[*]}"
  fi
}

# test_totals KIND: sums the Surefire or Failsafe XML reports of every module.
test_totals() {
  local kind=$1
  local files
  files=$(find "$SFSB_ROOT" -path "*/target/$kind-reports/TEST-*.xml" -not -path "*/.runtime/*" 2>/dev/null)
  if [ -z "$files" ]; then
    echo "0 0 0 0"
    return 0
  fi
  # The first element of each report is <testsuite … tests= failures= errors= skipped=>.
  # shellcheck disable=SC2086
  awk '
    /<testsuite / {
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^tests=/) { gsub(/[^0-9]/, "", $i); t += $i }
        else if ($i ~ /^failures=/) { gsub(/[^0-9]/, "", $i); f += $i }
        else if ($i ~ /^errors=/) { gsub(/[^0-9]/, "", $i); e += $i }
        else if ($i ~ /^skipped=/) { gsub(/[^0-9]/, "", $i); s += $i }
      }
      nextfile
    }
    END { printf "%d %d %d %d\n", t, f, e, s }' $files
}

print_test_summary() {
  local ut it
  read -r -a ut <<<"$(test_totals surefire)"
  read -r -a it <<<"$(test_totals failsafe)"
  say ""
  say "Unit tests (Surefire):                            Tests run: ${ut[0]}, Failures: ${ut[1]}, Errors: ${ut[2]}, Skipped: ${ut[3]}"
  say "Integration tests on the real network (Failsafe): Tests run: ${it[0]}, Failures: ${it[1]}, Errors: ${it[2]}, Skipped: ${it[3]}"
  local passed=$((ut[0] + it[0] - ut[1] - ut[2] - ut[3] - it[1] - it[2] - it[3]))
  local failed=$((ut[1] + ut[2] + it[1] + it[2]))
  local skipped=$((ut[3] + it[3]))
  say "$passed passed, $failed failed, $skipped skipped"
}

run_tests() {
  install_prerequisites
  local keep=0
  [ "${1:-}" = --keep ] && keep=1
  find "$SFSB_ROOT" -path "*/target/surefire-reports" -prune -exec rm -rf {} + -o -path "*/target/failsafe-reports" -prune -exec rm -rf {} + 2>/dev/null || true

  step "building and running the unit tests"
  (cd "$SFSB_ROOT" && mvn -B -ntp install) || { print_test_summary; die "the build or a unit test failed"; }

  local started=0 mqtt_started=0 docker_started=0 view_started=0
  # OperatorViewBrowserIT starts the operator view; it is stopped again unless it ran before.
  view_running || view_started=1
  trap 'stop_test_services' EXIT
  docker_ours || docker_answers || docker_started=1
  docker_up
  docker_image
  if ! network_running; then
    started=1
    network_up
  fi
  if ! mqtt_running; then
    mqtt_started=1
  fi
  mqtt_up
  step "running the integration tests against the network and the MQTT broker"
  local status=0
  (cd "$SFSB_ROOT" && mvn -B -ntp verify -DskipITs=false -DskipUTs=true -Dspotless.check.skip=true \
    -Dsfsbroker.network="$SFSB_RUNTIME/network.json" -Dsfsbroker.mqtt="$SFSB_RUNTIME/mqtt.json" \
    -Dsfsbroker.docker="unix://$SFSB_DOCKER_SOCKET") || status=1
  local bench_status=0
  smoke_benchmarks || bench_status=1
  trap - EXIT
  if [ "$keep" = 0 ]; then
    if [ "$view_started" = 1 ]; then
      view_down
    fi
    if [ "$mqtt_started" = 1 ]; then
      step "stopping the MQTT broker"
      mqtt_down
    fi
    if [ "$started" = 1 ]; then
      step "stopping the network"
      network_down
    fi
    if [ "$docker_started" = 1 ]; then
      step "stopping the Docker engine"
      docker_down
    fi
  fi
  print_test_summary
  [ "$status" = 0 ] || die "an integration test failed"
  [ "$bench_status" = 0 ] || die "a benchmark's smoke run failed (its output is above)"
}

# stop_test_services: on an interrupted `./sfsbroker test`, stops what it started.
stop_test_services() {
  if [ "${view_started:-0}" = 1 ]; then view_down >/dev/null 2>&1 || true; fi
  if [ "${mqtt_started:-0}" = 1 ]; then mqtt_down >/dev/null 2>&1 || true; fi
  if [ "${started:-0}" = 1 ]; then network_down >/dev/null 2>&1 || true; fi
  if [ "${docker_started:-0}" = 1 ]; then docker_down >/dev/null 2>&1 || true; fi
}

# run_main MODULE CLASS ARGS...: builds MODULE and runs one of its main classes.
run_main() {
  local module=$1 class=$2
  shift 2
  install_prerequisites
  (cd "$SFSB_ROOT" && mvn -B -q -ntp -pl "$module" -am install -DskipTests -Dspotless.check.skip=true) ||
    die "building $module failed"
  write_module_classpath "$module"
  run_class "$module" "$class" "$@"
}

# write_module_classpath MODULE: writes MODULE's dependency classpath (its modules already installed).
write_module_classpath() {
  (cd "$SFSB_ROOT" && mvn -B -q -ntp -pl "$1" dependency:build-classpath -Dmdep.outputFile=target/classpath.txt) ||
    die "resolving the classpath of $1 failed"
}

# run_class MODULE CLASS ARGS...: runs a main class of a built MODULE.
run_class() {
  local module=$1 class=$2
  shift 2
  java -cp "$SFSB_ROOT/$module/target/classes:$(cat "$SFSB_ROOT/$module/target/classpath.txt")" "$class" "$@"
}

# smoke_benchmarks: tiny runs of the benchmarks against the running network after the ITs, so
# they keep working. They print their figures; they fail only when a benchmark itself breaks.
smoke_benchmarks() {
  local out="$SFSB_ROOT/benchmarks/target/bench-smoke" network="$SFSB_RUNTIME/network.json"
  step "smoke runs of the ledger benchmarks (figures only, never judged)"
  write_module_classpath benchmarks
  run_class benchmarks io.sfsbroker.benchmarks.ledger.LedgerSelectionBenchmark --network "$network" \
    --rps 4 --params 2 --out "$out/selection-ledger" || return 1
  run_class benchmarks io.sfsbroker.benchmarks.ledger.ThroughputBenchmark --network "$network" \
    --duration 5 --rate 5 --devices 2 --out "$out/throughput" || return 1
  run_e2e_benchmark --block-times 1 --concurrency 1,2 --trials 1 --out "$out/e2e" || return 1
}

run_simulation() {
  case "${1:-}" in
    ddra) shift; run_main simulator io.sfsbroker.simulator.ddra.DdraSimulation "$@" ;;
    *) die "usage: ./sfsbroker simulate ddra [--seed N] [--out DIR]" ;;
  esac
}

run_benchmark() {
  case "${1:-}" in
    selection)
      shift
      if [ "${1:-}" = --ledger ]; then
        shift
        run_ledger_benchmark 1s io.sfsbroker.benchmarks.ledger.LedgerSelectionBenchmark "$@"
      else
        run_main benchmarks io.sfsbroker.benchmarks.SelectionBenchmark "$@"
      fi
      ;;
    throughput) shift; run_ledger_benchmark "" io.sfsbroker.benchmarks.ledger.ThroughputBenchmark "$@" ;;
    e2e) shift; run_e2e_benchmark "$@" ;;
    profit) shift; run_main benchmarks io.sfsbroker.benchmarks.ProfitComparison "$@" ;;
    view) shift; run_view_benchmark "$@" ;;
    *) die "usage: ./sfsbroker bench selection [--ledger] | throughput | e2e | profit | view (docs/performance.md, docs/view.md)" ;;
  esac
}

# run_view_benchmark ARGS...: the operator view's page times with many slices (docs/view.md). It
# writes a view.json of its own (the one `view up` writes, under $SFSB_RUNTIME/bench-view) and the
# benchmark runs the view in its own JVM on a free loopback port, so a running `view up` is left be.
run_view_benchmark() {
  [ -f "$SFSB_RUNTIME/network.json" ] && network_running ||
    die "the network is not running; start it with ./sfsbroker network up"
  (
    SFSB_VIEW="$SFSB_RUNTIME/bench-view"
    mkdir -p "$SFSB_VIEW"
    view_write_config 127.0.0.1 broker
  )
  run_main benchmarks io.sfsbroker.benchmarks.view.ViewBenchmark \
    --view "$SFSB_RUNTIME/bench-view/view.json" "$@"
}

# run_e2e_benchmark ARGS...: Fig. 4a on the whole stack. On the runtime's own network it starts
# what is not running (MQTT broker, slice image, bridge), issues the benchmark's device
# certificates, lets the benchmark set each block time through `network up --batch-timeout`, and
# puts the channel's BatchTimeout back afterwards, also when the benchmark failed or was stopped;
# the broker and the bridge stop again when it started them.
# Given --network FILE it needs --mqtt FILE and --clients DIR and changes nothing there.
run_e2e_benchmark() {
  local arg prev="" own=1 concurrency="1,10"
  for arg in "$@"; do
    [ "$arg" = --network ] && own=0
    [ "$prev" = --concurrency ] && concurrency=$arg
    prev=$arg
  done
  if [ "$own" = 0 ]; then
    run_main benchmarks io.sfsbroker.benchmarks.e2e.EndToEndBenchmark "$@"
    return
  fi
  [ -f "$SFSB_RUNTIME/network.json" ] && network_running ||
    die "the network is not running; start it with ./sfsbroker network up (or pass --network FILE)"
  network_prerequisites
  local mqtt_started=0 bridge_started=0
  mqtt_running || { mqtt_up && mqtt_started=1; }
  docker_answers || die "the Docker engine does not answer on $SFSB_DOCKER_SOCKET; ./sfsbroker docker up"
  docker_image
  bridge_running || { bridge_up && bridge_started=1; }
  local most=1 n i ids=()
  for n in ${concurrency//,/ }; do
    [[ $n =~ ^[0-9]+$ ]] && [ "$n" -gt "$most" ] && most=$n
  done
  for ((i = 1; i <= most; i++)); do ids+=("$(printf 'bench-e2e-fog-%02d' "$i")"); done
  mqtt_issue_quietly fog-node "${ids[@]}"
  mqtt_issue_quietly rp bench-e2e-rp-1 bench-e2e-rp-2 bench-e2e-rp-3 bench-e2e-rp-4
  configure_batching "" "" >&2
  local original status=0
  original=$(jq -r .batchTimeout "$SFSB_CHANNEL_DIR/batching.json")
  trap 'configure_batching "$original" "" >&2' INT TERM
  run_main benchmarks io.sfsbroker.benchmarks.e2e.EndToEndBenchmark \
    --network "$SFSB_RUNTIME/network.json" --mqtt "$SFSB_RUNTIME/mqtt.json" \
    --clients "$SFSB_MQTT/clients" --sfsbroker "$SFSB_ROOT/sfsbroker" --image "$SFSB_SLICE_IMAGE" \
    --docker "unix://$SFSB_DOCKER_SOCKET" --port-base "$SFSB_DEMO_PORT_BASE" \
    --subnets "10.$((200 + ${SFSB_PORT_OFFSET:-0} / 100 % 50))" --state "$SFSB_RUNTIME/bench-e2e/state" \
    "$@" || status=$?
  trap - INT TERM
  step "restoring BatchTimeout $original"
  configure_batching "$original" "" >&2
  # What this run started stops with it; what ran before keeps running.
  [ "$bridge_started" = 0 ] || bridge_down
  [ "$mqtt_started" = 0 ] || mqtt_down
  return "$status"
}

# run_ledger_benchmark BATCH_TIMEOUT CLASS ARGS...: runs a benchmark against a running network,
# the runtime's own unless ARGS name one with --network; on the runtime's own network it first sets
# BatchTimeout to BATCH_TIMEOUT (when given) with a channel configuration update.
run_ledger_benchmark() {
  local timeout=$1 class=$2
  shift 2
  local arg own=1
  for arg in "$@"; do
    [ "$arg" = --network ] && own=0
  done
  if [ "$own" = 1 ]; then
    [ -f "$SFSB_RUNTIME/network.json" ] ||
      die "no running network: $SFSB_RUNTIME/network.json is missing; start it with ./sfsbroker network up (or pass --network FILE)"
    if [ -n "$timeout" ]; then
      network_prerequisites
      network_running || die "the network is not running; start it with ./sfsbroker network up"
      configure_batching "$timeout" "" >&2
    fi
    set -- --network "$SFSB_RUNTIME/network.json" "$@"
  fi
  run_main benchmarks "$class" "$@"
}
