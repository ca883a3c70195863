#!/usr/bin/env bash
# GHL sync benchmark (see bench/RESULTS.md, "GHL sync"): builds Release, starts its own PostgreSQL (.data/pg-ghl) with
# a fresh migrated database, then bench/Serp.Bench.Ghl starts the fake GHL (1,000 requests per 10 s) and Serp.Admin
# (Production, Ghl:RequestsPer10Seconds 900) and measures a first sync, an unchanged sync and a fresh purchase behind a
# bulk resync. Stops everything it started.
#   ./bench/ghl.sh [bench options: --customers 2000 --fake-limit 1000 --budget 900 --workers 8 --fresh-after 20]
# Environment: SERP_GHL_PG_PORT (default 55439), SERP_GHL_APP_PORT (5099).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
pg_port=${SERP_GHL_PG_PORT:-55439}
app_port=${SERP_GHL_APP_PORT:-5099}
out=artifacts/bench
mkdir -p "$out"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
trap 'serp_pg_stop pg-ghl' EXIT

echo "==> Building (Release)"
dotnet build Serp.Admin/Serp.Admin.csproj -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/Serp.Bench.Ghl/Serp.Bench.Ghl.csproj -c Release -nologo -v q -clp:ErrorsOnly

serp_pg_start pg-ghl "$(serp_pg_free_port "$pg_port")"
pg_port=$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$SERP_PG_HOST_CS")
pg_bin=$(serp_pg_bin)
"$pg_bin/dropdb" -h 127.0.0.1 -p "$pg_port" -U postgres --if-exists serp_ghl
serp_pg_createdb "$pg_port" serp_ghl
cs="$SERP_PG_HOST_CS;Database=serp_ghl"
app_dll=Serp.Admin/bin/Release/net10.0/Serp.Admin.dll
echo "==> Migrating"
(cd "$(dirname "$app_dll")" && ConnectionStrings__Serp="$cs" ASPNETCORE_ENVIRONMENT=Production dotnet Serp.Admin.dll migrate)

echo "==> Benchmark (output also in $out/ghl-$stamp.md, the app's log in $out/ghl-app.log)"
dotnet bench/Serp.Bench.Ghl/bin/Release/net10.0/Serp.Bench.Ghl.dll --pg "$cs" --app-dll "$app_dll" --port "$app_port" \
  --pg-pid "$(head -n 1 .data/pg-ghl/postmaster.pid)" "$@" \
  | tee "$out/ghl-$stamp.md"
exit "${PIPESTATUS[0]}"
