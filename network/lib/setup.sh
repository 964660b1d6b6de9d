# Prerequisites, `./sfsbroker test` and `./sfsbroker demo`. Sourced, never run.

# install_prerequisites: installs from Debian what a fresh machine lacks (as root).
install_prerequisites() {
  local missing=() tool package
  for pair in java:openjdk-17-jdk-headless mvn:maven jq:jq curl:curl setsid:util-linux tar:tar; do
    tool=${pair%%:*}
    package=${pair#*:}
    command -v "$tool" >/dev/null 2>&1 || missing+=("$package")
  done
  if [ -z "${FABRIC_BIN:-}" ] && ! command -v go >/dev/null 2>&1 && [ ! -x /usr/local/go/bin/go ]; then
    missing+=(golang-go)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || die "missing packages: ${missing[*]}; install them (as root: apt-get install ${missing[*]})"
    step "installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
      die "apt-get could not install ${missing[*]}"
  fi
  if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
    PATH="$PATH:/usr/local/go/bin"
  fi
}

run_tests() {
  install_prerequisites
  local keep=0
  [ "${1:-}" = --keep ] && keep=1
  step "building and running the unit tests"
  (cd "$SFSB_ROOT" && mvn -B -ntp install) || die "the build or a unit test failed"
  local started=0
  if ! network_running; then
    network_up
    started=1
  fi
  if [ "$keep" = 0 ] && [ "$started" = 1 ]; then
    trap 'network_down >/dev/null 2>&1 || true' EXIT
  fi
  step "running the integration tests against the network"
  (cd "$SFSB_ROOT" && mvn -B -ntp verify -DskipITs=false -Dsfsbroker.network="$SFSB_RUNTIME/network.json" \
    -Dspotless.check.skip=true -Dsurefire.skip=true -DskipTests=false -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false) ||
    die "an integration test failed"
}

run_demo() {
  install_prerequisites
  network_up "$@"
  network_status
}
