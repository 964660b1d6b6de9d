#!/bin/sh
# The entry point of the slice image (sfsbroker/slice:1), run by busybox sh as an unprivileged
# user on a read-only root filesystem: one HTTP service (busybox httpd) per entry of SFSB_SERVICES,
# each serving a small JSON page that names the slice, the RP, the service and the port.
#
#   SFSB_SERVICES  "PORT:NAME PORT:NAME ..." (space or comma separated; NAME optional), e.g.
#                  "8000:cpu-millicores 8001:memory-mib"; default "8000:slice"
#   SFSB_SLICE     the slice id, SFSB_RP the resource provider (for the page only)
#
# Writes only below /tmp (a tmpfs). Ends, and so stops the container, on SIGTERM or SIGINT.
set -eu

services=$(printf '%s' "${SFSB_SERVICES:-8000:slice}" | tr ',' ' ')
slice=${SFSB_SLICE:-unknown}
rp=${SFSB_RP:-unknown}
pids=""

stop() {
  # shellcheck disable=SC2086
  [ -z "$pids" ] || kill $pids 2>/dev/null || true
  exit 0
}
trap stop TERM INT

for service in $services; do
  port=${service%%:*}
  name=${service#*:}
  [ "$name" != "$service" ] || name=service
  case "$port" in
    '' | *[!0-9]*)
      echo "start: '$service' does not start with a port number" >&2
      exit 64
      ;;
  esac
  dir=/tmp/www/$port
  mkdir -p "$dir"
  printf '{"slice":"%s","rp":"%s","service":"%s","port":%s}\n' "$slice" "$rp" "$name" "$port" \
    >"$dir/index.html"
  httpd -f -p "$port" -h "$dir" &
  pids="$pids $!"
  echo "start: serving $name on port $port"
done

# Waits for the services; the trap ends it on SIGTERM.
wait
