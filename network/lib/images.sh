# `./sfsbroker images …`: the container images of the Dockerized network, built here from the
# same binaries and jars the native network runs (no image is pulled: every image is FROM
# scratch with a root filesystem assembled on this host). Sourced, never run.
#
# Each image is tagged with a hash of everything it is made of (the binaries, jars, configuration,
# the Java runtime it carries and this file), so a tag names one content: `images` builds only
# the tags that are missing and reuses the rest, and a changed input yields a new tag.

SFSB_IMAGE_PREFIX=${SFSB_IMAGE_PREFIX:-sfsbroker}
SFSB_IMAGE_KINDS=(orderer peer chaincode mosquitto bridge rp-agent)
# The one non-root user every image runs as.
SFSB_IMAGE_UID=10001
# The Java modules the chaincode server, the bridge and the RP agent need (jdeps of their jars,
# without java.desktop and java.compiler, which they only name in code paths they never take).
SFSB_JRE_MODULES=java.base,java.logging,java.management,java.naming,java.net.http,java.prefs,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.unsupported
SFSB_IMAGE_CACHE="$SFSB_CACHE/images"
SFSB_HEALTH_SRC="$SFSB_ROOT/network/images/healthcheck"
# Inside the images: where each part lives.
SFSB_IMAGE_JAVA=/opt/java
SFSB_IMAGE_BUILDER=/opt/sfsb/ccaas-builder

images_usage() {
  cat <<'USAGE'
Usage: ./sfsbroker images [--rebuild] [KIND...]

  Builds the images of the Dockerized network that are missing, reusing every image whose
  content is unchanged (the tag is a hash of the content). KIND is one or more of
  orderer, peer, chaincode, mosquitto, bridge, rp-agent (default: all).

  --rebuild          build the named images again even if their tag exists
  list               the images, their tags, whether they are built, and their sizes

Environment: SFSB_IMAGE_PREFIX (default sfsbroker), SFSB_DOCKER_SOCKET.
USAGE
}

images_main() {
  local rebuild=0 kinds=() kind
  while [ $# -gt 0 ]; do
    case "$1" in
      --rebuild) rebuild=1; shift ;;
      list) shift; images_list; return ;;
      -h | --help | help) images_usage; return 0 ;;
      -*) images_usage >&2; die "unknown option for images: $1" ;;
      *) image_known "$1" || die "unknown image '$1'; known: ${SFSB_IMAGE_KINDS[*]}"; kinds+=("$1"); shift ;;
    esac
  done
  [ ${#kinds[@]} -gt 0 ] || kinds=("${SFSB_IMAGE_KINDS[@]}")
  docker_answers || die "no Docker engine answers on unix://$SFSB_DOCKER_SOCKET; run ./sfsbroker docker up"
  for kind in "${kinds[@]}"; do
    ensure_image "$kind" "$rebuild"
  done
  images_list "${kinds[@]}"
}

image_known() {
  local kind
  for kind in "${SFSB_IMAGE_KINDS[@]}"; do [ "$kind" = "$1" ] && return 0; done
  return 1
}

images_list() {
  local kinds=("$@") kind ref size
  [ ${#kinds[@]} -gt 0 ] || kinds=("${SFSB_IMAGE_KINDS[@]}")
  for kind in "${kinds[@]}"; do image_prepare "$kind"; done
  printf '%-46s %s\n' IMAGE SIZE
  for kind in "${kinds[@]}"; do
    ref=$(image_ref "$kind")
    size=$(docker_cli image inspect --format '{{.Size}}' "$ref" 2>/dev/null || true)
    if [ -n "$size" ]; then
      printf '%-46s %s MB\n' "$ref" "$(awk -v b="$size" 'BEGIN {printf "%.1f", b / 1000000}')"
    else
      printf '%-46s %s\n' "$ref" "not built"
    fi
  done
}

# --- inputs and tags --------------------------------------------------------------------------

# image_inputs KIND: the files an image is made of, one a line (they must exist; the builds of
# jars and binaries run first).
image_inputs() {
  local kind=$1
  printf '%s\n' "$SFSB_ROOT/network/lib/images.sh" "$SFSB_HEALTH_SRC/main.go" "$SFSB_HEALTH_SRC/go.mod"
  case "$kind" in
    orderer) printf '%s\n' "$FABRIC_BIN/orderer" "$SFSB_CONFIG_DIR/orderer.yaml" ;;
    peer)
      printf '%s\n' "$FABRIC_BIN/peer" "$SFSB_CONFIG_DIR/core.yaml"
      find "$SFSB_ROOT/network/ccaas-builder/bin" -type f | sort
      ;;
    chaincode) jre_inputs; printf '%s\n' "$SFSB_CC_JAR" ;;
    bridge) jre_inputs; bridge_jars ;;
    rp-agent) jre_inputs; rp_agent_jar ;;
    mosquitto) printf '%s\n' "$(command -v mosquitto)"; shared_libs "$(command -v mosquitto)" ;;
  esac
}

jre_home() { dirname "$(dirname "$(readlink -f "$(command -v java)")")"; }
# The JDK a runtime is linked from: its release file names the version; libc is what it runs on.
jre_inputs() { printf '%s\n' "$(jre_home)/release" "$(jre_home)/lib/server/libjvm.so" /lib64/ld-linux-x86-64.so.2; }

# shared_libs FILE...: the shared libraries FILE loads (ldd), and the dynamic loader.
shared_libs() {
  ldd "$@" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/lib.*ld-linux/ {print $1}' | sort -u
}

rp_agent_jar() { find "$SFSB_ROOT/rp-agent/target" -maxdepth 1 -name 'rp-agent-*-all.jar' | sort | tail -n 1; }
bridge_jars() {
  find "$SFSB_ROOT/gateway-client/target" -maxdepth 1 -name 'gateway-client-*.jar' ! -name '*-sources.jar' ! -name '*-tests.jar' | sort | tail -n 1
  tr ':' '\n' <"$SFSB_ROOT/gateway-client/target/runtime.classpath" | sed '/^$/d'
}

# image_hash KIND: the first 12 hex digits of a hash over the kind, the JRE modules and every
# input's name and content.
image_hash() {
  local kind=$1 file
  {
    printf 'kind %s uid %s modules %s\n' "$kind" "$SFSB_IMAGE_UID" "$SFSB_JRE_MODULES"
    while IFS= read -r file; do
      [ -f "$file" ] || die "input of the $kind image is missing: $file"
      printf '%s %s\n' "$(basename "$file")" "$(sha256sum <"$file" | cut -d' ' -f1)"
    done < <(image_inputs "$kind")
  } | sha256sum | cut -c1-12
}

# image_prepare KIND: builds what the image is made of and records its name with its content
# tag (once per command; call it in the command's own shell, not in $(...)).
declare -A SFSB_IMAGE_REFS=()
image_prepare() {
  local kind=$1
  [ -z "${SFSB_IMAGE_REFS[$kind]:-}" ] || return 0
  image_prerequisites "$kind"
  SFSB_IMAGE_REFS[$kind]="$SFSB_IMAGE_PREFIX/$kind:$(image_hash "$kind")"
}

# image_ref KIND: the full image name with its content tag.
image_ref() {
  [ -n "${SFSB_IMAGE_REFS[$1]:-}" ] || image_prepare "$1"
  printf '%s' "${SFSB_IMAGE_REFS[$1]}"
}

# image_prerequisites KIND: builds what the image copies in (binaries, jars) when it is missing.
image_prerequisites() {
  case "$1" in
    orderer | peer) ensure_fabric_binaries ;;
    chaincode) ensure_chaincode_jar ;;
    bridge) module_classpath gateway-client >/dev/null ;;
    rp-agent)
      if [ -z "$(rp_agent_jar)" ]; then
        (cd "$SFSB_ROOT" && mvn -B -q -ntp -pl rp-agent -am package -DskipTests -Dspotless.check.skip=true) >&2 ||
          die "building the RP agent failed"
      fi
      ;;
    mosquitto) require_tool mosquitto "install Mosquitto (as root: apt-get install mosquitto)" ;;
  esac
}

# --- building ---------------------------------------------------------------------------------

# ensure_image KIND [REBUILD]: builds the image when its tag is missing (or REBUILD is 1).
ensure_image() {
  local kind=$1 rebuild=${2:-0} ref
  image_prepare "$kind"
  ref=$(image_ref "$kind")
  if [ "$rebuild" = 0 ] && docker_cli image inspect "$ref" >/dev/null 2>&1; then
    return 0
  fi
  step "building the $kind image $ref"
  local work status=0
  work=$(mktemp -d "${TMPDIR:-/tmp}/sfsb-image-$kind.XXXXXX")
  (
    set -e
    image_base "$work"
    "image_rootfs_${kind//-/_}" "$work"
    image_dockerfile "$kind" >"$work/Dockerfile"
    DOCKER_BUILDKIT=0 docker_cli build -q --label "io.sfsbroker.image=$kind" \
      --label "io.sfsbroker.content=${ref##*:}" -t "$ref" "$work" >"$work/build.log" 2>&1 ||
      { cat "$work/build.log" >&2; exit 1; }
  ) || status=$?
  safe_rm_rf "$work"
  [ "$status" = 0 ] || die "building the $kind image $ref failed"
}

# image_base DIR: what every image has: the user, a /tmp, the health check.
image_base() {
  local dir=$1 root=$1/rootfs
  mkdir -p "$root/etc" "$root/tmp" "$root/usr/local/bin" "$dir/writable/home/sfsb"
  chmod 1777 "$root/tmp"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nsfsb:x:%s:%s:sfsbroker:/home/sfsb:/sbin/nologin\n' \
    "$SFSB_IMAGE_UID" "$SFSB_IMAGE_UID" >"$root/etc/passwd"
  printf 'root:x:0:\nsfsb:x:%s:\n' "$SFSB_IMAGE_UID" >"$root/etc/group"
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  install -m 0755 "$(health_binary)" "$root/usr/local/bin/sfsb-health"
}

# health_binary: the static health check (network/images/healthcheck), built once per source.
health_binary() {
  local hash bin
  hash=$(cat "$SFSB_HEALTH_SRC/main.go" "$SFSB_HEALTH_SRC/go.mod" | sha256sum | cut -c1-12)
  bin="$SFSB_IMAGE_CACHE/sfsb-health-$hash"
  if [ ! -x "$bin" ]; then
    require_tool go "install Go 1.21 or newer to build the images' health check"
    mkdir -p "$SFSB_IMAGE_CACHE"
    (cd "$SFSB_HEALTH_SRC" && CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=mod \
      go build -trimpath -ldflags='-s -w' -o "$bin.tmp" .) >&2 || die "building the health check failed"
    mv "$bin.tmp" "$bin"
  fi
  printf '%s' "$bin"
}

# copy_with_libs ROOT FILE...: copies the shared libraries FILE needs (and the loader) into ROOT
# at the same paths.
copy_with_libs() {
  local root=$1 lib
  shift
  for lib in $(shared_libs "$@"); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
}

image_rootfs_orderer() {
  local root=$1/rootfs
  mkdir -p "$root/etc/hyperledger/fabric" "$1/writable/var/hyperledger/production"
  install -m 0755 "$FABRIC_BIN/orderer" "$root/usr/local/bin/orderer"
  cp "$SFSB_CONFIG_DIR/orderer.yaml" "$root/etc/hyperledger/fabric/orderer.yaml"
}

image_rootfs_peer() {
  local root=$1/rootfs applet busybox
  mkdir -p "$root/etc/hyperledger/fabric" "$root$SFSB_IMAGE_BUILDER/bin" "$root/bin" \
    "$1/writable/var/hyperledger/production"
  install -m 0755 "$FABRIC_BIN/peer" "$root/usr/local/bin/peer"
  sed "s#@CCAAS_BUILDER@#$SFSB_IMAGE_BUILDER#" "$SFSB_CONFIG_DIR/core.yaml" >"$root/etc/hyperledger/fabric/core.yaml"
  install -m 0755 "$SFSB_ROOT"/network/ccaas-builder/bin/* "$root$SFSB_IMAGE_BUILDER/bin/"
  # The chaincode-as-a-service builder is the same POSIX sh script the native peers run: the
  # image carries a static busybox with just the applets it uses (no other shell).
  busybox=$(docker_busybox "$1")
  install -m 0755 "$busybox" "$root/bin/busybox"
  for applet in sh cp grep mkdir tr; do
    ln -s busybox "$root/bin/$applet"
  done
}

# image_jre DIR: a jlink runtime of the local JDK in DIR/rootfs/opt/java, with its libraries.
image_jre() {
  local root=$1/rootfs
  mkdir -p "$root/opt"
  jlink --add-modules "$SFSB_JRE_MODULES" --strip-debug --no-header-files --no-man-pages \
    --compress=2 --output "$root$SFSB_IMAGE_JAVA" >/dev/null
  copy_with_libs "$root" "$root$SFSB_IMAGE_JAVA/bin/java" $(find "$root$SFSB_IMAGE_JAVA/lib" -name '*.so')
}

image_rootfs_chaincode() {
  local root=$1/rootfs
  image_jre "$1"
  mkdir -p "$root/opt/sfsb"
  cp "$SFSB_CC_JAR" "$root/opt/sfsb/chaincode.jar"
}

image_rootfs_bridge() {
  local root=$1/rootfs jar
  image_jre "$1"
  mkdir -p "$root/opt/sfsb/lib"
  for jar in $(bridge_jars); do cp "$jar" "$root/opt/sfsb/lib/"; done
}

image_rootfs_rp_agent() {
  local root=$1/rootfs
  image_jre "$1"
  mkdir -p "$root/opt/sfsb"
  cp "$(rp_agent_jar)" "$root/opt/sfsb/rp-agent.jar"
}

image_rootfs_mosquitto() {
  local root=$1/rootfs
  mkdir -p "$root/usr/sbin" "$root/etc/mosquitto" "$1/writable/var/lib/mosquitto"
  install -m 0755 "$(command -v mosquitto)" "$root/usr/sbin/mosquitto"
  copy_with_libs "$root" "$(command -v mosquitto)"
  printf 'listener 1883 127.0.0.1\nallow_anonymous false\n' >"$root/etc/mosquitto/mosquitto.conf"
}

# image_dockerfile KIND: FROM scratch, the assembled root filesystem, the writable folders owned
# by the image's user, and the kind's entry point and health check. The health check reads what
# to probe from SFSB_HEALTH_* variables that the container is started with (ports shift with
# SFSB_PORT_OFFSET).
image_dockerfile() {
  local kind=$1
  cat <<EOF
FROM scratch
COPY rootfs/ /
COPY --chown=$SFSB_IMAGE_UID:$SFSB_IMAGE_UID writable/ /
ENV PATH=/usr/local/bin:/usr/sbin:/bin HOME=/home/sfsb
USER $SFSB_IMAGE_UID:$SFSB_IMAGE_UID
WORKDIR /home/sfsb
HEALTHCHECK --interval=5s --timeout=4s --start-period=10s --retries=3 CMD ["/usr/local/bin/sfsb-health"]
EOF
  case "$kind" in
    orderer)
      printf 'ENV FABRIC_CFG_PATH=/etc/hyperledger/fabric\nENTRYPOINT ["/usr/local/bin/orderer"]\n' ;;
    peer)
      printf 'ENV FABRIC_CFG_PATH=/etc/hyperledger/fabric\nENTRYPOINT ["/usr/local/bin/peer", "node", "start"]\n' ;;
    chaincode)
      printf 'ENTRYPOINT ["%s/bin/java", "-cp", "/opt/sfsb/chaincode.jar", "%s"]\n' "$SFSB_IMAGE_JAVA" "$SFSB_CC_MAIN" ;;
    bridge)
      printf 'ENTRYPOINT ["%s/bin/java", "-cp", "/opt/sfsb/lib/*", "io.sfsbroker.gateway.bridge.BridgeMain"]\n' "$SFSB_IMAGE_JAVA" ;;
    rp-agent)
      printf 'ENTRYPOINT ["%s/bin/java", "-jar", "/opt/sfsb/rp-agent.jar"]\n' "$SFSB_IMAGE_JAVA" ;;
    mosquitto)
      printf 'ENV SFSB_HEALTH_TCP=127.0.0.1:1883\nENTRYPOINT ["/usr/sbin/mosquitto"]\nCMD ["-c", "/etc/mosquitto/mosquitto.conf"]\n' ;;
  esac
}
