# Finds or builds the Fabric binaries. Sourced, never run.
#
# The binaries come from the Fabric Go module pinned in network/fabric-tools/go.mod, built with
# CGO_ENABLED=0 into $SFSB_CACHE/fabric-<version>/bin and reused from there. FABRIC_BIN may name
# a folder of installed release binaries of a compatible version instead.

SFSB_FABRIC_TOOLS="$SFSB_ROOT/network/fabric-tools"
SFSB_FABRIC_COMMANDS=(peer orderer osnadmin configtxgen configtxlator cryptogen)

fabric_version() {
  awk '$1 == "github.com/hyperledger/fabric" { print $2; exit }' "$SFSB_FABRIC_TOOLS/go.mod"
}

# ensure_fabric_binaries: sets FABRIC_BIN to a folder holding every command, building it once.
ensure_fabric_binaries() {
  local cmd
  if [ -n "${FABRIC_BIN:-}" ]; then
    for cmd in "${SFSB_FABRIC_COMMANDS[@]}"; do
      [ -x "$FABRIC_BIN/$cmd" ] || die "FABRIC_BIN=$FABRIC_BIN has no executable $cmd"
    done
    export FABRIC_BIN
    return 0
  fi
  local version
  version=$(fabric_version)
  [ -n "$version" ] || die "network/fabric-tools/go.mod does not require github.com/hyperledger/fabric"
  local bin="$SFSB_CACHE/fabric-$version/bin"
  local missing=0
  for cmd in "${SFSB_FABRIC_COMMANDS[@]}"; do
    [ -x "$bin/$cmd" ] || missing=1
  done
  if [ "$missing" = 1 ]; then
    require_tool go "install Go 1.21 or newer, or set FABRIC_BIN to a folder of Fabric binaries"
    step "building the Fabric binaries ($version) into $bin"
    local tmp="$bin.tmp.$$"
    safe_rm_rf "$tmp"
    mkdir -p "$tmp"
    local packages=()
    for cmd in "${SFSB_FABRIC_COMMANDS[@]}"; do
      if [ -x "$bin/$cmd" ]; then
        cp "$bin/$cmd" "$tmp/"
      else
        packages+=("github.com/hyperledger/fabric/cmd/$cmd")
      fi
    done
    (cd "$SFSB_FABRIC_TOOLS" && CGO_ENABLED=0 go build -trimpath -o "$tmp/" "${packages[@]}") ||
      die "building the Fabric binaries failed (see the go output above)"
    safe_rm_rf "$bin"
    mv "$tmp" "$bin"
  fi
  FABRIC_BIN="$bin"
  export FABRIC_BIN
}
