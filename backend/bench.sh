#!/usr/bin/env bash
# Load benchmark of order lookup: the release backend on a fresh SQLite file (API only, limits
# raised out of the way), `wrk` from 127.0.0.1 with a shopper token, GET one order.
# Prints requests/s and p99 latency. Usage: backend/bench.sh [seconds] [connections] [threads]
# Needs `wrk` (apt-get install wrk). Target: >= 5000 req/s with p99 <= 20 ms on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
connections=${2:-32}
threads=${3:-1}
command -v wrk >/dev/null || { echo "bench.sh: needs wrk (apt-get install wrk)" >&2; exit 1; }
target=${CARGO_TARGET_DIR:-target}
cargo build --release -q -p kefu-backend
bin="$target/release/kefu-backend"
dir=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
RUST_LOG=warn "$bin" --api-only --port "$port" --database-url "sqlite://$dir/bench.db" \
    --rate-limit-client 100000000 --rate-limit-order 100000000 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done
token=$("$bin" --mint-token c-1001 2>/dev/null)
url="http://127.0.0.1:$port/kefu/v1/orders/A10293"
curl -fs -H "Authorization: Bearer $token" "$url" >/dev/null || { echo "bench.sh: lookup failed" >&2; exit 1; }
out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -H "Authorization: Bearer $token" "$url")
echo "$out"
rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
errors=$(echo "$out" | grep -E "Non-2xx|Socket errors" || true)
echo
echo "order lookup (GET /kefu/v1/orders/{number}, SQLite, ${connections} connections, ${duration}s): ${rps} req/s, p99 ${p99}"
[ -z "$errors" ] || echo "errors: $errors"
