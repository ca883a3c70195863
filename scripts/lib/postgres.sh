# Shared by run.sh and test.sh: a project-local PostgreSQL cluster under .data/.
# Source it, then call `serp_pg_start NAME PORT [extra postgres -c options...]`.
# It exports SERP_PG_HOST_CS (a connection string to the server, without a database).

serp_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

serp_pg_install() {
  if serp_pg_bin >/dev/null; then return 0; fi
  echo "==> PostgreSQL server binaries not found: installing Debian's postgresql package"
  [ "$(id -u)" -eq 0 ] || { echo "error: run as root, or install the 'postgresql' package first" >&2; return 1; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  serp_pg_bin >/dev/null || { echo "error: initdb still missing after installing postgresql" >&2; return 1; }
}

# Runs a PostgreSQL tool as the cluster's owner: PostgreSQL refuses to run as root.
serp_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# As root the cluster belongs to the postgres user, who must be able to traverse every parent folder of .data/
# (a checkout in a mktemp folder is 700). Grant only that: search (x), not reading, to folders that lack it.
serp_pg_owner_can_reach() {
  [ "$(id -u)" -eq 0 ] || return 0
  local dir=$1
  while [ "$dir" != "/" ]; do
    if ! runuser -u postgres -- test -x "$dir"; then
      echo "==> Letting the postgres user traverse $dir (chmod o+x) for the project-local cluster"
      chmod o+x "$dir" || { echo "error: the postgres user cannot reach $dir" >&2; return 1; }
    fi
    dir=$(dirname "$dir")
  done
}

serp_pg_start() {
  local name=$1 port=$2; shift 2
  local root data bin
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  data="$root/.data/$name"
  serp_pg_install || return 1
  bin=$(serp_pg_bin)
  mkdir -p "$root/.data"
  serp_pg_owner_can_reach "$root/.data" || return 1
  if [ ! -f "$data/PG_VERSION" ]; then
    echo "==> Creating PostgreSQL cluster in .data/$name"
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data"
    chmod 700 "$data"
    # Loopback only, so trust is the whole authentication story of this developer/test cluster.
    serp_pg_as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
      || { echo "error: initdb failed for $data" >&2; return 1; }
  fi
  if ! serp_pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    local opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data"
    local o
    for o in "$@"; do opts="$opts -c $o"; done
    echo "==> Starting PostgreSQL ($name) on 127.0.0.1:$port"
    serp_pg_as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -o "$opts" -w -t 60 start >/dev/null || {
      echo "error: PostgreSQL did not start; last lines of .data/$name/server.log:" >&2
      tail -n 20 "$data/server.log" >&2
      echo "hint: another server may hold port $port; set SERP_PG_PORT to another port" >&2
      return 1
    }
  else
    # Already running (a previous run left it up): use the port it actually listens on.
    port=$(sed -n 4p "$data/postmaster.pid")
  fi
  export SERP_PG_HOST_CS="Host=127.0.0.1;Port=$port;Username=postgres"
}

# Prints the first port from $1 on where nothing listens on 127.0.0.1 (a throwaway cluster can live anywhere).
serp_pg_free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

serp_pg_stop() {
  local name=$1 root data bin
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  data="$root/.data/$name"
  bin=$(serp_pg_bin) || return 0
  [ -f "$data/PG_VERSION" ] || return 0
  if serp_pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    serp_pg_as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null && echo "==> Stopped PostgreSQL ($name)"
  fi
}

# Creates the database if it does not exist yet.
serp_pg_createdb() {
  local port=$1 db=$2 bin
  bin=$(serp_pg_bin)
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
  fi
}
