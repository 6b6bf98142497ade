#!/usr/bin/env bash
# A first look at the read and write paths on loopback, with wrk (Debian package `wrk`).
# Builds the release binary, serves the demo on a fresh data dir, and runs bounded loads:
# the thread page (in English and Italian), the Italian feed, the translations, the thread JSON, the board (page, JSON, digest), search, and durable update
# writes with an editor token.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "install wrk: apt-get install wrk" >&2; exit 2; }
cargo build --release -q
bin=target/release/cronaca
dir=$(mktemp -d)
port=${PORT:-8091}
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
# The demo fills only an empty database: serve it first, then add the benchmark account.
"$bin" --data-dir "$dir" serve --demo --bind "127.0.0.1:$port" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/t/exercise-valdoria" >/dev/null || { echo "no demo thread" >&2; exit 1; }
"$bin" --data-dir "$dir" user add bench --role editor >/dev/null
token=$("$bin" --data-dir "$dir" token create bench)
url="http://127.0.0.1:$port"
cat > "$dir/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"body":"Benchmark update with **some** text."}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA
echo "## thread page (HTML)"; wrk -t1 -c32 -d8s "$url/t/exercise-valdoria" | grep -E 'Requests/sec|Latency'
echo "## thread page in Italian (translations, notes, credits)"; wrk -t1 -c32 -d8s "$url/t/exercise-valdoria?lang=it" | grep -E 'Requests/sec|Latency'
echo "## Italian Atom feed"; wrk -t1 -c32 -d8s "$url/t/exercise-valdoria/feed.atom?lang=it" | grep -E 'Requests/sec|Latency'
echo "## translations JSON"; wrk -t1 -c32 -d8s "$url/api/v1/threads/exercise-valdoria/translations" | grep -E 'Requests/sec|Latency'
echo "## thread JSON (gzip)"; wrk -t1 -c32 -d8s -H 'Accept-Encoding: gzip' "$url/api/v1/threads/exercise-valdoria" | grep -E 'Requests/sec|Latency'
echo "## board page (HTML, chart and map)"; wrk -t1 -c32 -d8s "$url/t/exercise-valdoria/board" | grep -E 'Requests/sec|Latency'
echo "## board JSON"; wrk -t1 -c32 -d8s "$url/api/v1/threads/exercise-valdoria/board" | grep -E 'Requests/sec|Latency'
echo "## digest.txt"; wrk -t1 -c32 -d8s "$url/t/exercise-valdoria/digest.txt" | grep -E 'Requests/sec|Latency'
echo "## search JSON"; wrk -t1 -c32 -d8s "$url/api/v1/search?q=velmora" | grep -E 'Requests/sec|Latency'
echo "## place look-up JSON"; wrk -t1 -c32 -d8s "$url/api/v1/places?q=alm" | grep -E 'Requests/sec|Latency'
echo "## update writes"; wrk -t1 -c16 -d8s -s "$dir/post.lua" "$url/api/v1/threads/exercise-valdoria/updates" | grep -E 'Requests/sec|Latency|Non-2xx'
