#!/usr/bin/env bash
# Shell-level checks of the scripts' hygiene (issue 11 item 10), run by ScriptHygieneTest:
# a stale pid file never makes stop_process signal an unrelated process, safe_rm_rf refuses
# empty and root-ish paths, MQTT keys are written 0600. Prints "ok: …" lines; exits non-zero on
# the first failure.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
export SFSB_ROOT=$here
work=$(mktemp -d "${TMPDIR:-/tmp}/sfsb-hygiene.XXXXXX")
export SFSB_RUNTIME="$work/runtime"
# shellcheck source=../lib/common.sh
. "$here/network/lib/common.sh"
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

# 1. A stale pid file whose pid now belongs to an unrelated process with the same binary.
mkdir -p "$SFSB_PIDS"
sleep 300 &
unrelated=$!
printf '%s\n' "$unrelated" >"$SFSB_PIDS/fake.pid"
printf '%s' "sleep" >"$SFSB_PIDS/fake.cmd"
printf '%s' "12345" >"$SFSB_PIDS/fake.start"
is_running fake && fail "a pid with another start time counted as running"
stop_process fake
kill -0 "$unrelated" 2>/dev/null || fail "stop_process signalled an unrelated process"
[ ! -f "$SFSB_PIDS/fake.pid" ] || fail "the stale pid file was kept"
echo "ok: a stale pid file with another start time is dropped and nothing is signalled"

# 2. A legacy pid file (no start time) written before the unrelated process started.
printf '%s\n' "$unrelated" >"$SFSB_PIDS/old.pid"
printf '%s' "sleep" >"$SFSB_PIDS/old.cmd"
touch -d '@1000000000' "$SFSB_PIDS/old.pid"
is_running old && fail "a process younger than its legacy pid file counted as running"
stop_process old
kill -0 "$unrelated" 2>/dev/null || fail "stop_process signalled a process younger than the pid file"
echo "ok: a legacy pid file older than the process is dropped and nothing is signalled"

# 3. start_process records the start time; stop_process stops exactly that process.
start_process mine "$work/mine.log" sleep 300
is_running mine || fail "a process this tool started is not seen as running"
pid=$(pid_of mine)
stop_process mine
wait_gone "$pid" 5 || fail "stop_process did not stop its own process"
kill -0 "$unrelated" 2>/dev/null || fail "stop_process of another name touched the unrelated process"
echo "ok: start_process records the start time and stop_process stops its own process"
kill "$unrelated"

# 4. safe_rm_rf refuses what must never be removed (each in a subshell: die exits).
mkdir -p "$work/keep"
for bad in "" "/" "relative/path" "/usr" "/usr/lib" "/tmp" "$HOME" "$SFSB_ROOT" "$work/.."; do
  if (safe_rm_rf "$bad") 2>/dev/null; then fail "safe_rm_rf removed '$bad'"; fi
done
[ -d "$work/keep" ] || fail "a refused removal removed something"
safe_rm_rf "$work/keep"
[ ! -e "$work/keep" ] || fail "safe_rm_rf did not remove a proper path"
echo "ok: safe_rm_rf refuses empty, relative, root-ish, home and repository paths"

# 5. Keys are written 0600.
# shellcheck source=../lib/mqtt.sh
. "$here/network/lib/mqtt.sh"
mkdir -p "$work/keys"
mqtt_key "$work/keys/a.key"
[ "$(stat -c %a "$work/keys/a.key")" = 600 ] || fail "mqtt_key wrote $(stat -c %a "$work/keys/a.key")"
printf 'x' >"$work/keys/b_sk"
chmod 644 "$work/keys/b_sk"
restrict_keys "$work/keys"
[ "$(stat -c %a "$work/keys/b_sk")" = 600 ] || fail "restrict_keys left a Fabric key readable"
echo "ok: key files are 0600"

rm -rf -- "$work"
