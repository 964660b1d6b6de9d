#!/usr/bin/env bash
# Checks of `./sfsbroker images` (issue 13 item 1), run by ContainerImagesIT against a Docker
# engine: every image is built (or reused), runs as uid 10001, has a health check and carries its
# content tag as a label; a second run builds nothing; the health check fails when it has nothing
# to probe or its target is closed, and passes on an open port. Prints "ok: …" lines; exits
# non-zero on the first failure.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
docker_host=${SFSB_DOCKER_SOCKET:-/var/run/docker.sock}
d() { docker -H "unix://$docker_host" "$@"; }

log=$(mktemp "${TMPDIR:-/tmp}/sfsb-images-check.XXXXXX")
"$here/sfsbroker" images >"$log" 2>&1 || fail "./sfsbroker images failed: $(tail -n 20 "$log")"
listing=$("$here/sfsbroker" images list 2>>"$log")
rm -f "$log"
refs=$(awk 'NR > 1 {print $1}' <<<"$listing")
[ "$(wc -l <<<"$refs")" = 6 ] || fail "expected six images, listed: $listing"
grep -q 'not built' <<<"$listing" && fail "an image is missing after ./sfsbroker images: $listing"
echo "ok: six images built"

for ref in $refs; do
  user=$(d image inspect --format '{{.Config.User}}' "$ref")
  [ "$user" = 10001:10001 ] || fail "$ref runs as '$user', not 10001:10001"
  health=$(d image inspect --format '{{json .Config.Healthcheck.Test}}' "$ref")
  [ "$health" = '["CMD","/usr/local/bin/sfsb-health"]' ] || fail "$ref has the health check $health"
  label=$(d image inspect --format '{{index .Config.Labels "io.sfsbroker.content"}}' "$ref")
  [ "$label" = "${ref##*:}" ] || fail "$ref carries the content label '$label'"
done
echo "ok: every image runs as uid 10001, has the health check and its content tag as a label"

again=$("$here/sfsbroker" images 2>&1)
grep -q '^==> building' <<<"$again" && fail "a second run built again: $again"
echo "ok: a second run reuses every image"

orderer=$(grep '/orderer:' <<<"$refs")
if d run --rm --network none --entrypoint /usr/local/bin/sfsb-health "$orderer" >/dev/null 2>&1; then
  fail "the health check passed with nothing to probe"
fi
if d run --rm --network none -e SFSB_HEALTH_TCP=127.0.0.1:1 --entrypoint /usr/local/bin/sfsb-health "$orderer" >/dev/null 2>&1; then
  fail "the health check passed on a closed port"
fi
echo "ok: the health check fails with nothing to probe and on a closed port"

mosquitto=$(grep '/mosquitto:' <<<"$refs")
name="sfsb-images-check-$$"
d run -d --name "$name" --network none "$mosquitto" >/dev/null
trap 'd rm -f "$name" >/dev/null 2>&1 || true' EXIT
status=""
for _ in $(seq 1 40); do
  status=$(d inspect --format '{{.State.Health.Status}}' "$name")
  [ "$status" = healthy ] && break
  sleep 0.5
done
[ "$status" = healthy ] || fail "the mosquitto container is '$status', not healthy: $(d logs "$name" 2>&1 | tail -5)"
echo "ok: a mosquitto container runs as non-root and reports healthy"
