#!/usr/bin/env bash
# Makes a fresh Debian machine with only Node 20 and npm ready to build, test and demo SimpleKit: Debian packages
# (Kamailio and the tools the testbed uses), pnpm, the workspace's dependencies, and a build. Safe to run again: each
# step is skipped when its result is already there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
KAMAILIO_MODULES=(presence presence_xml rls pua xcap_server xhttp tls db_mysql db_sqlite auth_db registrar sqlops uac
  cfgutils textopsx)
# MariaDB (server and client cores only: no init scripts, nothing starts at install) holds the tables the testbed's
# Kamailio writes; sqlite3 makes the SQLite file of its subscribers.
# netbase provides /etc/protocols: without it (minimal images, containers) Kamailio cannot look up the TCP protocol
# number, leaves TCP_NODELAY off, and its NOTIFYs lag behind their SUBSCRIBE's 2xx.
APT_PACKAGES=(kamailio kamailio-presence-modules kamailio-xml-modules kamailio-mysql-modules kamailio-sqlite-modules
  kamailio-tls-modules kamailio-utils-modules mariadb-server-core mariadb-client-core sqlite3 openssl procps chromium
  netbase)

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

missing_system() {
  command -v kamailio >/dev/null 2>&1 || [ -x /usr/sbin/kamailio ] || return 0
  [ -x /usr/sbin/mariadbd ] || return 0
  [ -x /usr/bin/mariadb-install-db ] || return 0
  command -v mariadb >/dev/null 2>&1 || return 0
  command -v sqlite3 >/dev/null 2>&1 || return 0
  command -v openssl >/dev/null 2>&1 || return 0
  command -v ps >/dev/null 2>&1 || return 0
  [ -e /etc/protocols ] || return 0
  # Debian's Chromium runs the desktop renderer's end-to-end tests (Electron's own binary cannot be downloaded here).
  command -v chromium >/dev/null 2>&1 || return 0
  for module in "${KAMAILIO_MODULES[@]}"; do
    compgen -G "/usr/lib/*/kamailio/modules/${module}.so" >/dev/null || return 0
  done
  return 1
}

if missing_system; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing Debian packages: ${APT_PACKAGES[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${APT_PACKAGES[@]}"
fi

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  say "installing pnpm $PNPM_VERSION"
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null
  hash -r
fi

say "installing workspace dependencies"
if [ "${CI:-}" = "true" ]; then
  pnpm install --frozen-lockfile --reporter=append-only
else
  pnpm install --reporter=append-only
fi

say "building"
pnpm build --output-logs=errors-only
