# `./sfsbroker docker …`: the Docker engine that resource providers run slices in, and the slice
# image, built here from Debian's busybox-static (no image is pulled). Sourced, never run.
#
# A dockerd this tool starts is ours: its pid and log live under $SFSB_RUNTIME/docker/ and
# `docker down` stops it by that pid. An engine that already answers on the socket is used as it
# is and never stopped.

SFSB_DOCKER="$SFSB_RUNTIME/docker"
SFSB_DOCKER_SOCKET=${SFSB_DOCKER_SOCKET:-/var/run/docker.sock}
SFSB_SLICE_IMAGE=${SFSB_SLICE_IMAGE:-sfsbroker/slice:1}
# The flags of a dockerd we start besides its socket and pid file. The default leaves the host's
# firewall and IP forwarding alone: published ports are served by docker-proxy on the loopback,
# and slices get no route out of the host (no masquerading). With the host's net.ipv4.ip_forward
# at 0 this is also what keeps tenants' slice networks apart (docs/rp-agent.md, "Tenant
# networks"): flags that turn forwarding on must keep dockerd's iptables. Real testbeds set their own.
SFSB_DOCKERD_FLAGS=${SFSB_DOCKERD_FLAGS:---iptables=false --ip-forward=false}
# The busybox applets the slice image links; start.sh needs sh, httpd, mkdir, printf and tr.
SFSB_SLICE_APPLETS="sh ash cat echo env hostname httpd id kill ls mkdir nc printf ps sleep tr wget"

docker_usage() {
  cat <<'USAGE'
Usage: ./sfsbroker docker <command>

  up                 install docker.io from Debian when dockerd is missing, start dockerd when
                     nothing answers on the socket (pid and log in $SFSB_RUNTIME/docker/), wait
                     until `docker info` answers
  status [--json]    whether the engine answers, whether this tool started it, the slice image
  down               stop the dockerd this tool started (by pid); an engine it did not start is
                     left alone
  image [--rebuild]  build the slice image ($SFSB_SLICE_IMAGE, default sfsbroker/slice:1) from
                     Debian's busybox-static when it is missing (or always, with --rebuild)

Environment: SFSB_DOCKER_SOCKET (default /var/run/docker.sock), SFSB_SLICE_IMAGE,
SFSB_DOCKERD_FLAGS (default "--iptables=false --ip-forward=false").
USAGE
}

docker_main() {
  local command=${1:-}
  [ $# -gt 0 ] && shift
  case "$command" in
    up) docker_up "$@" ;;
    status) docker_status "$@" ;;
    down) docker_down "$@" ;;
    image) docker_image "$@" ;;
    -h | --help | help | "") docker_usage ;;
    *) docker_usage >&2; die "unknown docker command: $command" ;;
  esac
}

# docker_cli ARGS...: the docker CLI on our socket, whatever DOCKER_HOST says.
docker_cli() {
  docker -H "unix://$SFSB_DOCKER_SOCKET" "$@"
}

# docker_answers: whether an engine answers on the socket.
docker_answers() {
  timeout 10 docker -H "unix://$SFSB_DOCKER_SOCKET" info >/dev/null 2>&1
}

# docker_ours: whether the dockerd this tool started still runs (pid files in $SFSB_DOCKER).
docker_ours() {
  SFSB_PIDS="$SFSB_DOCKER" is_running dockerd
}

docker_our_pid() {
  SFSB_PIDS="$SFSB_DOCKER" pid_of dockerd
}

# docker_foreign_pids: dockerd processes this tool did not start.
docker_foreign_pids() {
  local ours="" comm pid
  ours=$(docker_our_pid 2>/dev/null || true)
  for comm in /proc/[0-9]*/comm; do
    [ "$(cat "$comm" 2>/dev/null)" = dockerd ] || continue
    pid=${comm#/proc/}
    pid=${pid%/comm}
    [ "$pid" = "$ours" ] || printf '%s\n' "$pid"
  done
}

docker_install() {
  command -v dockerd >/dev/null 2>&1 && return 0
  [ "$(id -u)" = 0 ] ||
    die "dockerd is not installed; install Docker (as root: apt-get install docker.io)"
  step "installing docker.io from Debian"
  # Debian's postinst does not start the service where policy-rc.d forbids it or no init runs;
  # either way this tool starts dockerd itself.
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io; } \
    >"${TMPDIR:-/tmp}/sfsb-docker-install.log" 2>&1 ||
    die "apt-get could not install docker.io; see ${TMPDIR:-/tmp}/sfsb-docker-install.log"
  command -v dockerd >/dev/null 2>&1 || die "docker.io is installed but dockerd is not on PATH"
}

docker_up() {
  [ $# -eq 0 ] || { docker_usage >&2; die "docker up takes no options"; }
  docker_install
  require_tool docker "install the Docker CLI (as root: apt-get install docker.io)"
  mkdir -p "$SFSB_DOCKER/run"
  if docker_answers; then
    if docker_ours; then
      say "The Docker engine is already running (pid $(docker_our_pid), started by sfsbroker)."
    else
      say "Using the Docker engine that answers on $SFSB_DOCKER_SOCKET (not started by sfsbroker; left alone)."
    fi
    return 0
  fi
  if ! docker_ours; then
    local foreign
    foreign=$(docker_foreign_pids | tr '\n' ' ')
    [ -z "$foreign" ] ||
      die "dockerd (pid ${foreign% }) runs but does not answer on $SFSB_DOCKER_SOCKET; set SFSB_DOCKER_SOCKET to its socket, or stop it"
    step "starting dockerd on $SFSB_DOCKER_SOCKET ($SFSB_DOCKERD_FLAGS)"
    # shellcheck disable=SC2086 # the flags are words
    SFSB_PIDS="$SFSB_DOCKER" start_process dockerd "$SFSB_DOCKER/dockerd.log" \
      "$(command -v dockerd)" --host "unix://$SFSB_DOCKER_SOCKET" \
      --pidfile "$SFSB_DOCKER/run/dockerd.pid" $SFSB_DOCKERD_FLAGS
  fi
  if ! wait_until 60 dockerd docker_answers; then
    tail -n 20 "$SFSB_DOCKER/dockerd.log" >&2 || true
    SFSB_PIDS="$SFSB_DOCKER" stop_process dockerd
    die "dockerd did not answer within 60 s; see $SFSB_DOCKER/dockerd.log (set SFSB_DOCKERD_FLAGS for kernels that lack a feature)"
  fi
  docker_ours || die "dockerd exited; see $SFSB_DOCKER/dockerd.log"
  say "The Docker engine is up: unix://$SFSB_DOCKER_SOCKET (pid $(docker_our_pid), log $SFSB_DOCKER/dockerd.log)."
}

docker_down() {
  [ $# -eq 0 ] || { docker_usage >&2; die "docker down takes no options"; }
  if docker_ours; then
    step "stopping dockerd (pid $(docker_our_pid))"
    SFSB_PIDS="$SFSB_DOCKER" stop_process dockerd
  elif docker_answers; then
    say "The Docker engine on $SFSB_DOCKER_SOCKET was not started by sfsbroker; left running."
  else
    SFSB_PIDS="$SFSB_DOCKER" stop_process dockerd
  fi
}

docker_status() {
  local answers=false ours=false pid="" version="" image=false
  if docker_answers; then
    answers=true
    version=$(docker_cli version --format '{{.Server.Version}}' 2>/dev/null || true)
    docker_cli image inspect "$SFSB_SLICE_IMAGE" >/dev/null 2>&1 && image=true
  fi
  if docker_ours; then
    ours=true
    pid=$(docker_our_pid)
  fi
  if [ "${1:-}" = --json ]; then
    require_tool jq "install jq (apt-get install jq)"
    jq -n --argjson answers "$answers" --argjson ours "$ours" --arg pid "$pid" \
      --arg socket "unix://$SFSB_DOCKER_SOCKET" --arg version "$version" \
      --arg log "$SFSB_DOCKER/dockerd.log" --arg image "$SFSB_SLICE_IMAGE" --argjson built "$image" \
      '{running: $answers, startedBySfsbroker: $ours,
        pid: (if $pid == "" then null else ($pid | tonumber) end), host: $socket,
        version: (if $version == "" then null else $version end), log: $log,
        sliceImage: $image, sliceImageBuilt: $built}'
  elif [ "$answers" = true ]; then
    if [ "$ours" = true ]; then
      say "Docker $version answers on unix://$SFSB_DOCKER_SOCKET (pid $pid, started by sfsbroker; log $SFSB_DOCKER/dockerd.log)."
    else
      say "Docker $version answers on unix://$SFSB_DOCKER_SOCKET (not started by sfsbroker)."
    fi
    if [ "$image" = true ]; then
      say "The slice image $SFSB_SLICE_IMAGE is built."
    else
      say "The slice image $SFSB_SLICE_IMAGE is missing; ./sfsbroker docker image builds it."
    fi
  else
    say "No Docker engine answers on unix://$SFSB_DOCKER_SOCKET; ./sfsbroker docker up starts one."
  fi
}

# docker_busybox DIR: prints the path of a static busybox, from the installed busybox-static
# package or else from its .deb, downloaded and unpacked into DIR (the host stays unchanged).
docker_busybox() {
  local dir=$1 deb
  if dpkg-query -W -f '${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' &&
    [ -x /bin/busybox ]; then
    printf '%s' /bin/busybox
    return 0
  fi
  require_tool apt-get "build the image on Debian or Ubuntu, or install busybox-static yourself"
  require_tool dpkg-deb "build the image on Debian or Ubuntu"
  if ! (cd "$dir" && apt-get download -qq busybox-static) >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    (cd "$dir" && apt-get download -qq busybox-static) >/dev/null 2>&1 ||
      die "apt-get could not download busybox-static"
  fi
  deb=$(find "$dir" -maxdepth 1 -name 'busybox-static_*.deb' | head -n 1)
  [ -n "$deb" ] || die "apt-get download left no busybox-static package in $dir"
  dpkg-deb -x "$deb" "$dir/busybox-static" || die "dpkg-deb could not unpack $deb"
  [ -x "$dir/busybox-static/bin/busybox" ] || die "$deb holds no bin/busybox"
  printf '%s' "$dir/busybox-static/bin/busybox"
}

# docker_rootfs DIR BUSYBOX: assembles the slice's root filesystem in DIR.
docker_rootfs() {
  local root=$1 busybox=$2 applet
  mkdir -p "$root/bin" "$root/etc" "$root/sfsb" "$root/tmp" "$root/data" "$root/proc" \
    "$root/sys" "$root/dev"
  install -m 0755 "$busybox" "$root/bin/busybox"
  for applet in $SFSB_SLICE_APPLETS; do
    "$busybox" --list | grep -qx "$applet" || die "this busybox has no $applet applet"
    ln -s busybox "$root/bin/$applet"
  done
  install -m 0755 "$SFSB_CONFIG_DIR/slice-image/start.sh" "$root/sfsb/start"
  printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/tmp:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  chmod 1777 "$root/tmp" "$root/data"
}

docker_image() {
  local rebuild=0
  case "${1:-}" in
    --rebuild) rebuild=1 ;;
    "") ;;
    *) docker_usage >&2; die "unknown option for docker image: $1" ;;
  esac
  docker_answers || die "no Docker engine answers on unix://$SFSB_DOCKER_SOCKET; run ./sfsbroker docker up"
  if [ "$rebuild" = 0 ] && docker_cli image inspect "$SFSB_SLICE_IMAGE" >/dev/null 2>&1; then
    say "The slice image $SFSB_SLICE_IMAGE is already built (./sfsbroker docker image --rebuild builds it again)."
    return 0
  fi
  step "building the slice image $SFSB_SLICE_IMAGE from busybox-static"
  local work status=0 previous
  previous=$(docker_cli image inspect --format '{{.Id}}' "$SFSB_SLICE_IMAGE" 2>/dev/null || true)
  work=$(mktemp -d "${TMPDIR:-/tmp}/sfsb-slice-image.XXXXXX")
  (
    set -e
    busybox=$(docker_busybox "$work")
    docker_rootfs "$work/rootfs" "$busybox"
    tar --numeric-owner --owner=0 --group=0 -C "$work/rootfs" -c . |
      docker_cli import \
        --message "SFSBroker slice: busybox httpd per published port" \
        --change 'ENTRYPOINT ["/bin/sh", "/sfsb/start"]' \
        --change 'ENV PATH=/bin' \
        --change 'USER 65534:65534' \
        --change 'WORKDIR /tmp' \
        --change 'LABEL io.sfsbroker.image=slice' \
        - "$SFSB_SLICE_IMAGE" >/dev/null
  ) || status=$?
  safe_rm_rf "$work"
  [ "$status" = 0 ] || die "building the slice image $SFSB_SLICE_IMAGE failed"
  # The image it replaced, unless a container still uses it.
  if [ -n "$previous" ] && [ "$previous" != "$(docker_cli image inspect --format '{{.Id}}' "$SFSB_SLICE_IMAGE")" ]; then
    docker_cli image rm "$previous" >/dev/null 2>&1 || true
  fi
  say "Built $SFSB_SLICE_IMAGE ($(docker_cli image inspect --format '{{.Size}}' "$SFSB_SLICE_IMAGE") bytes)."
}
