#!/usr/bin/env bash
# Runs every test of Serp Admin against a real PostgreSQL and Debian's Chromium (see README).
# The last line is the total in the plain form "N passed, N failed, N skipped"; exit non-zero on any failure.
# Environment: SERP_PG_TEST_PORT (default 55433); extra arguments go to `dotnet test` (e.g. --filter).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/node.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export SERP_ARTIFACTS="$PWD/artifacts"

port=${SERP_PG_TEST_PORT:-55433}
started_here=0
bin=$(serp_pg_bin 2>/dev/null || true)
if [ -z "$bin" ] || ! serp_pg_as_owner "$bin/pg_ctl" -D "$PWD/.data/pg-test" status >/dev/null 2>&1; then
  started_here=1
  # Another server (another checkout's tests, say) may hold the default port: the throwaway clusters move on.
  port=$(serp_pg_free_port "$port")
fi
# A throwaway cluster: durability settings off make migrations and per-class databases fast.
serp_pg_start pg-test "$port" fsync=off synchronous_commit=off full_page_writes=off max_connections=400
export SERP_TEST_PG="$SERP_PG_HOST_CS"
# A second, small cluster that one test stops and starts again: "the database went down" for real, while the
# shared cluster above keeps serving every other test.
serp_pg_start pg-outage "$(serp_pg_free_port $((port + 1)))" fsync=off synchronous_commit=off max_connections=50
export SERP_TEST_PG_OUTAGE="$SERP_PG_HOST_CS" SERP_TEST_PG_OUTAGE_DATA="$PWD/.data/pg-outage" SERP_PG_BIN="$(serp_pg_bin)"
[ "$started_here" = 1 ] && trap 'serp_pg_stop pg-test; serp_pg_stop pg-outage' EXIT

if [ ! -x /usr/bin/chromium ]; then
  echo "==> Installing Debian's chromium for the browser tests"
  [ "$(id -u)" -eq 0 ] || { echo "error: /usr/bin/chromium is missing; install the 'chromium' package" >&2; exit 1; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

serp_ensure_npm
echo "==> Building"
dotnet build Serp.Admin.sln -nologo -v q -clp:ErrorsOnly

echo "==> Testing"
mkdir -p artifacts
log=artifacts/test-output.log
set +e
dotnet test Serp.Admin.sln --no-build -nologo --results-directory artifacts/test-results "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

totals=$(sed -n 's/^.*\(Passed\|Failed\)! *- Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped: *\([0-9]*\).*/\3 \2 \4/p' "$log" \
  | awk '{p+=$1; f+=$2; s+=$3; n++} END {if (n == 0) print "none"; else print p " passed, " f " failed, " s " skipped"}')
if [ "$totals" = "none" ]; then
  echo "error: no test summary found in the output" >&2
  exit 1
fi
# Stop the cluster before the totals: CI reads the totals from the very last line.
if [ "$started_here" = 1 ]; then trap - EXIT; serp_pg_stop pg-test; serp_pg_stop pg-outage; fi
echo "$totals"
exit "$status"
