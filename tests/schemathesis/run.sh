#!/usr/bin/env bash
# schemathesis against the OpenAPI document of a running debug server: no response may be a
# 5xx, and every status, content type, header and body must be the one the document promises.
#
# Starts `cronaca serve --demo` on a free 127.0.0.1 port with a fresh data directory, makes an
# admin token, runs schemathesis (pinned in requirements.txt, installed into a virtual
# environment), stops the server and exits non-zero on any failure.
#
#   SCHEMATHESIS_MAX_EXAMPLES  test cases per operation and phase (default 50)
#   SCHEMATHESIS_SEED          random seed (default: a fixed one, so CI runs are repeatable)
#   SCHEMATHESIS_VENV          where the virtual environment lives (default target/schemathesis-venv)
#   SCHEMATHESIS_REPORT        where the JUnit report goes (default target/schemathesis-report)
#   SCHEMATHESIS_SERVER        the cronaca binary to test (default: a debug build of this tree)
#   extra arguments            passed on to `schemathesis run` (e.g. --max-time 900)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

max_examples=${SCHEMATHESIS_MAX_EXAMPLES:-50}
seed=${SCHEMATHESIS_SEED:-20260912}
venv=${SCHEMATHESIS_VENV:-$root/target/schemathesis-venv}
report=${SCHEMATHESIS_REPORT:-$root/target/schemathesis-report}
requirements=$root/tests/schemathesis/requirements.txt

# The environment is installed again whenever the pinned versions change.
if ! cmp -s "$requirements" "$venv/requirements.txt" 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$venv/requirements.txt"
fi

bin=${SCHEMATHESIS_SERVER:-}
if [ -z "$bin" ]; then
  cargo build --quiet --bin cronaca
  bin=$root/target/debug/cronaca
fi

# The server must not pick up an operator's settings from the environment.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^CRONACA_' || true)

work=$(mktemp -d)
server_pid=
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_server EXIT

: >"$work/server.out"
# /metrics is off the public listener unless a token is given: the count below reads it.
metrics_token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
"$bin" --data-dir "$work/data" serve --demo --bind 127.0.0.1:0 --metrics-token "$metrics_token" >>"$work/server.out" 2>"$work/server.log" &
server_pid=$!

# The server prints its address once it listens; port 0 lets the system choose a free one.
base=
for _ in $(seq 1 300); do
  base=$(sed -n 's|^Cronaca is serving \(http://[^/]*\)/$|\1|p' "$work/server.out")
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.out" "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
if [ -z "$base" ]; then
  echo "the server did not start" >&2
  cat "$work/server.out" "$work/server.log" >&2
  exit 1
fi

token=$("$bin" --data-dir "$work/data" token create admin --label schemathesis)

mkdir -p "$report"
status=0
# schemathesis keeps a cache of what it found in the current directory: not in the tree.
cd "$work"
# The event stream never ends, so it cannot be checked by a request that waits for its body:
# tests/sse.rs covers it.
"$venv/bin/schemathesis" run "$base/api/openapi.json" \
  --url "$base" \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --max-examples "$max_examples" \
  --seed "$seed" \
  --exclude-path '/api/v1/threads/{id}/events' \
  --request-timeout 10 \
  --workers 1 \
  --no-color \
  --report junit --report-junit-path "$report/junit.xml" \
  "$@" || status=$?

# The server's own count of what it answered; any 5xx fails the run.
"$venv/bin/python" - "$base/metrics" "$metrics_token" <<'PY' || status=1
import re, sys, urllib.request
try:
    request = urllib.request.Request(sys.argv[1], headers={"Authorization": f"Bearer {sys.argv[2]}"})
    text = urllib.request.urlopen(request, timeout=10).read().decode()
except Exception as e:
    sys.exit(f"request count unavailable: {e}")
total = errors = 0
for line in text.splitlines():
    m = re.match(r'http_requests_total\{(.*)\} ([0-9.e+]+)$', line)
    if m:
        n = int(float(m.group(2)))
        total += n
        if re.search(r'status="5', m.group(1)):
            errors += n
print(f"the server answered {total} requests, {errors} of them with a 5xx")
sys.exit(1 if errors else 0)
PY

# A crash of the server is a failure even if every response before it conformed.
if ! kill -0 "$server_pid" 2>/dev/null; then
  echo "the server stopped during the run" >&2
  status=1
fi
if grep -q 'panicked' "$work/server.log"; then
  echo "the server panicked:" >&2
  grep -A3 'panicked' "$work/server.log" >&2
  status=1
fi
exit "$status"
