#!/usr/bin/env bash
# Support-desk benchmark (see bench/RESULTS.md): builds Release, starts its own durable PostgreSQL (.data/pg-desk),
# loads SERP_DESK_ORDERS demo orders once (kept between runs; --reseed loads them again), then times the desk's
# queries through the app's own services beside the naive way, and (unless --no-browser) the first rows of /orders
# in Chromium against the app started in Development (for its sign-in page; static assets cached as in production)
# on loopback.
#   ./bench/desk.sh [--reseed] [--no-browser] [bench options: --calls 200 --warmup 20]
# Environment: SERP_DESK_ORDERS (default 1000000), SERP_DESK_PG_PORT (default 55438), SERP_DESK_APP_PORT (5098).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
orders=${SERP_DESK_ORDERS:-1000000}
pg_port=${SERP_DESK_PG_PORT:-55438}
app_port=${SERP_DESK_APP_PORT:-5098}
reseed=0 browser=1 args=()
for a in "$@"; do
  case "$a" in
    --reseed) reseed=1 ;;
    --no-browser) browser=0 ;;
    *) args+=("$a") ;;
  esac
done
out=artifacts/bench
mkdir -p "$out"
stamp=$(date -u +%Y%m%dT%H%M%SZ)

app_pid=""
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; fi
  serp_pg_stop pg-desk
}
trap cleanup EXIT

echo "==> Building (Release)"
dotnet build bench/Serp.Bench.Desk/Serp.Bench.Desk.csproj -c Release -nologo -v q -clp:ErrorsOnly

# Durable settings (PostgreSQL's defaults for fsync and commits); buffers sized for a 24 GiB machine.
serp_pg_start pg-desk "$pg_port" shared_buffers=512MB max_wal_size=4GB checkpoint_timeout=15min
pg_bin=$(serp_pg_bin)
psql_desk=("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -X -q)
if [ "$reseed" = 1 ]; then "$pg_bin/dropdb" -h 127.0.0.1 -p "$pg_port" -U postgres --if-exists serp_desk; fi
serp_pg_createdb "$pg_port" serp_desk
cs="$SERP_PG_HOST_CS;Database=serp_desk"
app_dir=Serp.Admin/bin/Release/net10.0
export ConnectionStrings__Serp="$cs"
echo "==> Migrating"
(cd "$app_dir" && ASPNETCORE_ENVIRONMENT=Production dotnet Serp.Admin.dll migrate)
have=$("${psql_desk[@]}" -d serp_desk -tAc "SELECT count(*) FROM orders")
if [ "$have" != "$orders" ]; then
  echo "==> Loading $orders demo orders (the database has $have)"
  "${psql_desk[@]}" -d serp_desk -c "TRUNCATE orders, checkout_sessions, refunds, disputes, licenses, payment_failures, order_notes CASCADE"
  (cd "$app_dir" && ASPNETCORE_ENVIRONMENT=Development dotnet Serp.Admin.dll seed-demo --orders "$orders" --seed 42)
  "${psql_desk[@]}" -d serp_desk -c "VACUUM ANALYZE"
fi

url=""
if [ "$browser" = 1 ]; then
  [ -x /usr/bin/chromium ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
  echo "==> Starting Serp.Admin (Release, Development for its sign-in page) on 127.0.0.1:$app_port"
  # Development serves every static asset with no-cache (for hot reload); production caches the fingerprinted
  # ones for a year. EnableStaticAssetsDevelopmentCaching keeps production's headers, as an agent's browser meets them.
  (cd "$app_dir" && ASPNETCORE_ENVIRONMENT=Development EnableStaticAssetsDevelopmentCaching=true Stripe__Reconciliation__Enabled=false \
     exec dotnet Serp.Admin.dll --urls "http://127.0.0.1:$app_port") >"$out/desk-app-$stamp.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$app_port/health/ready" 2>/dev/null && break
    kill -0 "$app_pid" 2>/dev/null || { echo "error: Serp.Admin exited; see $out/desk-app-$stamp.log" >&2; exit 1; }
    sleep 0.5
  done
  url="http://127.0.0.1:$app_port"
fi

echo "==> Benchmark (output also in $out/desk-$stamp.md)"
dotnet bench/Serp.Bench.Desk/bin/Release/net10.0/Serp.Bench.Desk.dll --pg "$cs" ${url:+--app "$url" --app-pid "$app_pid"} "${args[@]}" \
  | tee "$out/desk-$stamp.md"
exit "${PIPESTATUS[0]}"
