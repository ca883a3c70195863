#!/usr/bin/env bash
# Stripe webhook benchmark (see bench/RESULTS.md): builds Release, starts its own PostgreSQL (.data/pg-bench,
# durable settings) and Serp.Admin (Production) on loopback, runs bench/Serp.Bench, stops everything it started.
#   ./bench/run.sh [bench options]     defaults: --concurrency 64 --count 20000 --rounds 3 --warmup 2000
#                                      --rate 200 --rate-seconds 15 --phase-limit 120 --process-limit 300
# Environment: SERP_BENCH_PG_PORT (default 55437), SERP_BENCH_APP_PORT (default 5097),
# SERP_BENCH_WORKERS (Webhooks:Processing:Workers of the app; unset = the app's default),
# SERP_BENCH_PG_STATS=1 (load pg_stat_statements and print the top statements at the end),
# SERP_BENCH_APP_CS_EXTRA (appended to the app's connection string, e.g. "Max Auto Prepare=32").
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
pg_port=${SERP_BENCH_PG_PORT:-55437}
app_port=${SERP_BENCH_APP_PORT:-5097}
secret="whsec_bench_$(date +%s)_0123456789abcdef"
out=artifacts/bench
mkdir -p "$out"
stamp=$(date -u +%Y%m%dT%H%M%SZ)

if curl -s -o /dev/null "http://127.0.0.1:$app_port/"; then
  echo "error: something already answers on 127.0.0.1:$app_port; set SERP_BENCH_APP_PORT" >&2
  exit 1
fi

pg_bin=$(serp_pg_bin 2>/dev/null || true)
if [ -n "$pg_bin" ] && serp_pg_as_owner "$pg_bin/pg_ctl" -D "$PWD/.data/pg-bench" status >/dev/null 2>&1; then
  echo "error: .data/pg-bench is already running (another bench run, or one left over): stop that run first" >&2
  exit 1
fi

app_pid=""
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    echo "==> Stopped Serp.Admin"
  fi
  serp_pg_stop pg-bench
}
trap cleanup EXIT

echo "==> Building (Release)"
dotnet build Serp.Admin/Serp.Admin.csproj -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/Serp.Bench/Serp.Bench.csproj -c Release -nologo -v q -clp:ErrorsOnly

# Durable: fsync, synchronous_commit and full_page_writes stay on (PostgreSQL's defaults). Only sizes change: room
# for the connections of both pools, buffers for a 24 GiB machine, and WAL room so a run is not one checkpoint after another.
pg_settings=(shared_buffers=512MB max_connections=300 max_wal_size=4GB checkpoint_timeout=15min)
if [ "${SERP_BENCH_PG_STATS:-0}" = 1 ]; then
  pg_settings+=(shared_preload_libraries=pg_stat_statements pg_stat_statements.track=all)
fi
serp_pg_start pg-bench "$pg_port" "${pg_settings[@]}"
pg_bin=$(serp_pg_bin)
"$pg_bin/dropdb" -h 127.0.0.1 -p "$pg_port" -U postgres --if-exists serp_bench
serp_pg_createdb "$pg_port" serp_bench
cs="$SERP_PG_HOST_CS;Database=serp_bench"
psql_bench=("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d serp_bench -X -q)
echo "==> PostgreSQL: $("${psql_bench[@]}" -tAc "SELECT string_agg(name || '=' || current_setting(name), ' ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes','wal_sync_method','shared_buffers','max_connections','max_wal_size','checkpoint_timeout')")"

app_dir=Serp.Admin/bin/Release/net10.0
echo "==> Migrating"
(cd "$app_dir" && ConnectionStrings__Serp="$cs" ASPNETCORE_ENVIRONMENT=Production dotnet Serp.Admin.dll migrate)
if [ "${SERP_BENCH_PG_STATS:-0}" = 1 ]; then "${psql_bench[@]}" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"; fi

echo "==> Starting Serp.Admin (Release, Production) on 127.0.0.1:$app_port"
# The content root is the build output (appsettings.json); the OIDC authority is never contacted (no sign-in happens).
(
  cd "$app_dir"
  export ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Serp="$cs${SERP_BENCH_APP_CS_EXTRA:+;$SERP_BENCH_APP_CS_EXTRA}" Stripe__WebhookSecret="$secret" \
    Auth__Oidc__Authority=https://login.example.invalid/ Auth__Oidc__ClientId=serp-bench \
    Webhooks__RateLimit__SignedPerSecond=1000000
  if [ -n "${SERP_BENCH_WORKERS:-}" ]; then export Webhooks__Processing__Workers="$SERP_BENCH_WORKERS"; fi
  exec dotnet Serp.Admin.dll --urls "http://127.0.0.1:$app_port"
) >"$out/app-$stamp.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$app_port/health/ready" 2>/dev/null; then break; fi
  kill -0 "$app_pid" 2>/dev/null || { echo "error: Serp.Admin exited; see $out/app-$stamp.log" >&2; tail -n 20 "$out/app-$stamp.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS -o /dev/null "http://127.0.0.1:$app_port/health/ready" || { echo "error: Serp.Admin not ready after 60 s" >&2; exit 1; }
if [ "${SERP_BENCH_PG_STATS:-0}" = 1 ]; then "${psql_bench[@]}" -c "SELECT pg_stat_statements_reset()" >/dev/null; fi

echo "==> Benchmark (output also in $out/bench-$stamp.md)"
set +e
pg_pid=$(head -n 1 .data/pg-bench/postmaster.pid)
dotnet bench/Serp.Bench/bin/Release/net10.0/Serp.Bench.dll --app "http://127.0.0.1:$app_port" --pg "$cs" --secret "$secret" \
  --app-pid "$app_pid" --pg-pid "$pg_pid" "$@" \
  | tee "$out/bench-$stamp.md"
status=${PIPESTATUS[0]}
set -e

if [ "${SERP_BENCH_PG_STATS:-0}" = 1 ]; then
  echo "==> Top statements by total time (pg_stat_statements)"
  "${psql_bench[@]}" -c "SELECT calls, round(total_exec_time::numeric, 0) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms, left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS query FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15" \
    | tee -a "$out/bench-$stamp.md"
fi
exit "$status"
