# npm for the build's `npm ci` (ApexCharts, see README "Third-party client code"). Sourced by run.sh and test.sh.

serp_ensure_npm() {
  command -v npm >/dev/null 2>&1 && return 0
  echo "==> Installing Debian's nodejs and npm (the build runs npm ci)"
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: npm is missing; install the 'nodejs' and 'npm' packages" >&2
    return 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  command -v npm >/dev/null 2>&1 || { echo "error: npm still missing after installing it" >&2; return 1; }
}
