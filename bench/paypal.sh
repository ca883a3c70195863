#!/usr/bin/env bash
# PayPal webhook benchmark (see bench/RESULTS.md, "PayPal webhooks"): builds Release, starts its own durable PostgreSQL
# (.data/pg-paypal) with a fresh migrated database, then bench/Serp.Bench.PayPal starts the fake PayPal of the tests
# and Serp.Admin (Production, both doors configured) and measures verified PayPal deliveries per second beside
# Stripe's, and the app's database connections while PayPal's verification is slow. Stops everything it started.
#   ./bench/paypal.sh [bench options: --count 6000 --rounds 3 --warmup 1000 --concurrency 64
#                      --slow-verify-ms 2000 --slow-rate 100 --slow-seconds 10]
# Environment: SERP_PAYPAL_PG_PORT (default 55440), SERP_PAYPAL_APP_PORT (5096).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
pg_port=${SERP_PAYPAL_PG_PORT:-55440}
app_port=${SERP_PAYPAL_APP_PORT:-5096}
out=artifacts/bench
mkdir -p "$out"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
trap 'serp_pg_stop pg-paypal' EXIT

echo "==> Building (Release)"
dotnet build Serp.Admin/Serp.Admin.csproj -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/Serp.Bench.PayPal/Serp.Bench.PayPal.csproj -c Release -nologo -v q -clp:ErrorsOnly

# Durable (fsync and synchronous commits on, as bench/run.sh); sizes as there.
serp_pg_start pg-paypal "$(serp_pg_free_port "$pg_port")" shared_buffers=512MB max_connections=300 max_wal_size=4GB checkpoint_timeout=15min
pg_port=$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$SERP_PG_HOST_CS")
pg_bin=$(serp_pg_bin)
"$pg_bin/dropdb" -h 127.0.0.1 -p "$pg_port" -U postgres --if-exists serp_paypal
serp_pg_createdb "$pg_port" serp_paypal
cs="$SERP_PG_HOST_CS;Database=serp_paypal"
app_dll=Serp.Admin/bin/Release/net10.0/Serp.Admin.dll
echo "==> Migrating"
(cd "$(dirname "$app_dll")" && ConnectionStrings__Serp="$cs" ASPNETCORE_ENVIRONMENT=Production dotnet Serp.Admin.dll migrate)

echo "==> Benchmark (output also in $out/paypal-$stamp.md, the app's log in $out/paypal-app.log)"
dotnet bench/Serp.Bench.PayPal/bin/Release/net10.0/Serp.Bench.PayPal.dll --pg "$cs" --app-dll "$app_dll" --port "$app_port" \
  --pg-pid "$(head -n 1 .data/pg-paypal/postmaster.pid)" "$@" \
  | tee "$out/paypal-$stamp.md"
exit "${PIPESTATUS[0]}"
