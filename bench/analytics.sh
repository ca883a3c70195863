#!/usr/bin/env bash
# Analytics benchmark (see bench/RESULTS.md): builds Release, starts its own durable PostgreSQL (.data/pg-analytics),
# loads SERP_ANALYTICS_ORDERS demo orders once (kept between runs; a kept database of another size is refused; --reseed
# loads them again; the loader rebuilds the rollups), then times one /analytics load (every query behind it) from the rollups beside the same queries as plain
# GROUP BYs over the base tables, checks the results are equal, and measures the purchase ledger's write path with
# and without the rollup triggers.
#   ./bench/analytics.sh [--reseed] [bench options: --calls 40 --direct-calls 3 --purchases 3000]
#   (--direct-calls 0: the rollups alone, no comparison; --purchases 0: no write path and no rebuild timing)
# Environment: SERP_ANALYTICS_ORDERS (default 1000000), SERP_ANALYTICS_PG_PORT (default 55439),
# SERP_BENCH_CONFIGURATION (Release; Debug reuses the test build on a machine too busy to build twice).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
orders=${SERP_ANALYTICS_ORDERS:-1000000}
pg_port=${SERP_ANALYTICS_PG_PORT:-55439}
reseed=0 args=()
for a in "$@"; do
  case "$a" in
    --reseed) reseed=1 ;;
    *) args+=("$a") ;;
  esac
done
out=artifacts/bench
mkdir -p "$out"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
trap 'serp_pg_stop pg-analytics' EXIT

config=${SERP_BENCH_CONFIGURATION:-Release}
echo "==> Building ($config)"
dotnet build bench/Serp.Bench.Analytics/Serp.Bench.Analytics.csproj -c "$config" -nologo -v q -clp:ErrorsOnly

# Durable settings (PostgreSQL's defaults for fsync and commits).
serp_pg_start pg-analytics "$pg_port" shared_buffers=512MB max_wal_size=4GB checkpoint_timeout=15min
pg_bin=$(serp_pg_bin)
psql_an=("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -X -q)
if [ "$reseed" = 1 ]; then "$pg_bin/dropdb" -h 127.0.0.1 -p "$pg_port" -U postgres --if-exists serp_analytics; fi
serp_pg_createdb "$pg_port" serp_analytics
cs="$SERP_PG_HOST_CS;Database=serp_analytics"
app_dir=Serp.Admin/bin/$config/net10.0
export ConnectionStrings__Serp="$cs"
echo "==> Migrating"
(cd "$app_dir" && ASPNETCORE_ENVIRONMENT=Production dotnet Serp.Admin.dll migrate)
# A migration may have re-created and rebuilt the rollups of a kept database: give the planner their statistics.
"${psql_an[@]}" -d serp_analytics -c "ANALYZE $("${psql_an[@]}" -d serp_analytics -tAc "SELECT string_agg(relname, ', ') FROM pg_class WHERE relname LIKE 'analytics\_%' AND relkind = 'r'")" 2>/dev/null || true
have=$("${psql_an[@]}" -d serp_analytics -tAc "SELECT count(*) FROM orders WHERE metadata ? 'demo'")
if [ "$have" != "$orders" ] && [ "$have" != 0 ] && [ "$reseed" = 0 ]; then
  # A 10,000,000-order load takes 20 minutes: never thrown away for a forgotten SERP_ANALYTICS_ORDERS.
  echo "The kept database has $have demo orders, not $orders: set SERP_ANALYTICS_ORDERS=$have, or pass --reseed to load $orders." >&2
  exit 2
fi
if [ "$have" != "$orders" ]; then
  echo "==> Loading $orders demo orders (the database has $have)"
  "${psql_an[@]}" -d serp_analytics -c "TRUNCATE orders, checkout_sessions, refunds, disputes, licenses, payment_failures, order_notes CASCADE"
  start=$(date +%s)
  (cd "$app_dir" && ASPNETCORE_ENVIRONMENT=Development dotnet Serp.Admin.dll seed-demo --orders "$orders" --seed 42)
  echo "    loaded (with the rollup rebuild) in $(( $(date +%s) - start )) s"
  "${psql_an[@]}" -d serp_analytics -c "VACUUM ANALYZE"
fi
"${psql_an[@]}" -d serp_analytics -c "SELECT pg_size_pretty(pg_database_size('serp_analytics')) AS database, (SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c WHERE c.relname LIKE 'analytics\\_%' AND c.relkind = 'r') AS rollups"

echo "==> Benchmark (output also in $out/analytics-$stamp.md)"
dotnet "bench/Serp.Bench.Analytics/bin/$config/net10.0/Serp.Bench.Analytics.dll" --pg "$cs" "${args[@]}" | tee "$out/analytics-$stamp.md"
exit "${PIPESTATUS[0]}"
