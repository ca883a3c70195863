#!/usr/bin/env bash
# Serves Serp Admin at http://127.0.0.1:5080 with a local PostgreSQL and demo data (see README).
#   ./scripts/run.sh        set up what is missing, migrate, seed demo data once, run the app
#   ./scripts/run.sh stop   stop the project-local PostgreSQL cluster
# Environment: SERP_PG_PORT (default 55432), SERP_DEMO_ORDERS (default 5000, 0 = none),
# ConnectionStrings__Serp (use that server instead of the local cluster).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/node.sh

port=${SERP_PG_PORT:-55432}
if [ "${1:-}" = "stop" ]; then serp_pg_stop pg-run; exit 0; fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}

if [ -z "${ConnectionStrings__Serp:-}" ]; then
  serp_pg_start pg-run "$port"
  serp_pg_createdb "$port" serp
  export ConnectionStrings__Serp="$SERP_PG_HOST_CS;Database=serp"
fi

serp_ensure_npm
echo "==> Building"
dotnet build Serp.Admin/Serp.Admin.csproj -nologo -v q -clp:ErrorsOnly
app=(dotnet run --no-build --no-launch-profile --project Serp.Admin --)
echo "==> Applying migrations"
"${app[@]}" migrate
if [ "${SERP_DEMO_ORDERS:-5000}" != "0" ]; then
  "${app[@]}" seed-demo --if-empty --orders "${SERP_DEMO_ORDERS:-5000}"
fi
echo "==> Serving http://127.0.0.1:5080 (Ctrl+C stops the app; './scripts/run.sh stop' stops PostgreSQL)"
exec "${app[@]}" --urls http://127.0.0.1:5080
