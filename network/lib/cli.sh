# `./sfsbroker cli …`: the operator CLI (io.sfsbroker.gateway.cli.SfsbCli, docs/cli.md). The
# gateway client is built and its class path written once; a change to its sources or pom builds
# it again. Sourced, never run.

SFSB_CLI_MODULE="$SFSB_ROOT/gateway-client"
SFSB_CLI_CLASSPATH="$SFSB_CLI_MODULE/target/cli.classpath"

# cli_stale: whether the CLI was never built, or its module changed since.
cli_stale() {
  [ -f "$SFSB_CLI_CLASSPATH" ] || return 0
  [ -f "$SFSB_CLI_MODULE/target/classes/io/sfsbroker/gateway/cli/SfsbCli.class" ] || return 0
  [ -n "$(find "$SFSB_CLI_MODULE/src/main" "$SFSB_CLI_MODULE/pom.xml" "$SFSB_ROOT/pom.xml" \
    -newer "$SFSB_CLI_CLASSPATH" -print -quit 2>/dev/null)" ]
}

# cli_build: installs the gateway client and what it needs, then writes its runtime class path.
# Maven's output goes to standard error, so that `--json` output stays clean.
cli_build() {
  require_tool java "install a JDK 17 or newer (as root: apt-get install openjdk-17-jdk-headless)"
  require_tool mvn "install Maven 3.8 or newer (as root: apt-get install maven)"
  step "building the operator CLI (once)" >&2
  (cd "$SFSB_ROOT" &&
    mvn -B -q -ntp -pl gateway-client -am install -DskipTests -Dspotless.check.skip=true &&
    mvn -B -q -ntp -pl gateway-client dependency:build-classpath -DincludeScope=runtime \
      -Dmdep.outputFile="$SFSB_CLI_CLASSPATH") >&2 ||
    die "building the operator CLI failed"
  # The plugin leaves an unchanged file alone; its time marks this build.
  touch "$SFSB_CLI_CLASSPATH"
}

cli_main() {
  if cli_stale; then
    cli_build
  fi
  SFSB_NETWORK=${SFSB_NETWORK:-$SFSB_RUNTIME/network.json} exec java \
    -cp "$SFSB_CLI_MODULE/target/classes:$(cat "$SFSB_CLI_CLASSPATH")" \
    io.sfsbroker.gateway.cli.SfsbCli "$@"
}
