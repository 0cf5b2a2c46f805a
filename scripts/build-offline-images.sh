#!/usr/bin/env bash
# Builds the four store images locally, for machines that reach no container registry.
# Each image honours the official image's contract (env variables, port, log lines) so that
# the official testcontainers modules and this library work with it unchanged:
#   PostgreSQL 15 and Redis 7 from Debian's packages (debootstrap), FerretDB 1.24 (MongoDB wire
#   protocol, SQLite backend) from the Go module proxy, and a Qdrant REST stand-in over the
#   official Python qdrant-client in local mode, from PyPI.
# Every image carries the label database-config.recipe=<hash of its recipe>; an image whose
# label matches is kept, so a second run changes nothing. Usage: build-offline-images.sh [store...]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../images/offline.env
. "$repo/images/offline.env"

SUITE=bookworm
FERRETDB_VERSION=v1.24.2
QDRANT_CLIENT_VERSION=1.20.0
PYTHON_VERSION=3.11 # bookworm's python3
work="$(mktemp -d /tmp/database-config-images.XXXXXX)"
trap 'rm -rf "$work"' EXIT

fail() { echo "build-offline-images: $*" >&2; exit 1; }

# What defines each image; its hash is the image's label.
recipe() {
  local store=$1
  case $store in
    postgres) echo "debootstrap $SUITE minbase postgresql-15,ca-certificates" ;;
    redis) echo "debootstrap $SUITE minbase redis-server" ;;
    mongodb) echo "debootstrap $SUITE minbase; ferretdb $FERRETDB_VERSION from source, version.txt, CGO_ENABLED=0" ;;
    qdrant) echo "debootstrap $SUITE minbase python3; qdrant-client $QDRANT_CLIENT_VERSION py$PYTHON_VERSION" ;;
  esac
  import_changes "$store"
  cat "$repo/images/$store"/*.sh "$repo/images/$store"/*.py 2>/dev/null || true
}

import_changes() {
  case $1 in
    postgres) printf '%s\n' 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      'ENV PGDATA=/var/lib/postgresql/data' 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' 'CMD ["postgres"]' \
      'EXPOSE 5432' ;;
    redis) printf '%s\n' 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' 'CMD ["redis-server"]' 'EXPOSE 6379' 'WORKDIR /data' ;;
    mongodb) printf '%s\n' 'ENV FERRETDB_HANDLER=sqlite' 'ENV FERRETDB_SQLITE_URL=file:/state/' \
      'ENV FERRETDB_LISTEN_ADDR=:27017' 'ENV FERRETDB_STATE_DIR=/state' 'ENV FERRETDB_TELEMETRY=disable' \
      'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' 'EXPOSE 27017' ;;
    qdrant) printf '%s\n' 'ENV PYTHONPATH=/opt/qdrant-standin/site-packages' 'ENV PYTHONUNBUFFERED=1' \
      'ENTRYPOINT ["python3", "/opt/qdrant-standin/server.py"]' 'EXPOSE 6333' 'WORKDIR /qdrant' ;;
  esac
}

packages() {
  case $1 in
    postgres) echo postgresql-15,ca-certificates ;;
    redis) echo redis-server ;;
    mongodb) echo ca-certificates ;;
    qdrant) echo python3,ca-certificates ;;
  esac
}

# Store-specific files added to the root filesystem after debootstrap.
add_files() {
  local store=$1 rootfs=$2
  case $store in
    mongodb)
      command -v go >/dev/null || fail "mongodb: 'go' is not installed; FerretDB is built with 'go install' from the Go module proxy. Install Go >= 1.24 and run again."
      # Built from the module's source rather than with `go install`: FerretDB embeds its version
      # from build/version/version.txt, which the published module leaves empty (it panics at start).
      local src
      src="$(cd "$work" && go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" |
        sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
      [ -n "$src" ] || fail "mongodb: 'go mod download github.com/FerretDB/FerretDB@$FERRETDB_VERSION' failed (is the Go module proxy reachable?)"
      cp -r "$src" "$work/ferretdb-src" && chmod -R u+w "$work/ferretdb-src"
      echo "$FERRETDB_VERSION" >"$work/ferretdb-src/build/version/version.txt"
      (cd "$work/ferretdb-src" && CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$work/gobin/ferretdb" ./cmd/ferretdb) ||
        fail "mongodb: building FerretDB $FERRETDB_VERSION failed (see the go output above)"
      install -m 0755 "$work/gobin/ferretdb" "$rootfs/usr/local/bin/ferretdb"
      mkdir -p "$rootfs/state"
      ;;
    qdrant)
      python3 -m pip install --quiet --no-cache-dir --target "$rootfs/opt/qdrant-standin/site-packages" \
        --only-binary=:all: --python-version "$PYTHON_VERSION" --implementation cp \
        --platform manylinux2014_x86_64 --platform manylinux_2_28_x86_64 --platform manylinux_2_34_x86_64 \
        "qdrant-client==$QDRANT_CLIENT_VERSION" ||
        fail "qdrant: 'pip install qdrant-client==$QDRANT_CLIENT_VERSION' failed (is PyPI reachable?)"
      # The server and the modules it imports; its test suite (test_server.py) stays out.
      install -m 0644 "$repo/images/qdrant/server.py" "$repo/images/qdrant/refusals.py" "$repo/images/qdrant/storage.py" \
        "$rootfs/opt/qdrant-standin/"
      mkdir -p "$rootfs/qdrant"
      ;;
  esac
  if [ -f "$repo/images/$store/entrypoint.sh" ]; then
    install -m 0755 "$repo/images/$store/entrypoint.sh" "$rootfs/usr/local/bin/docker-entrypoint.sh"
  fi
}

# The debootstrap root of a store, cached as a tarball keyed by suite and packages, so that
# changing an entrypoint does not download Debian again.
ROOTFS_CACHE="${DBC_ROOTFS_CACHE:-/var/cache/database-config/rootfs}"
base_rootfs() {
  local store=$1 rootfs=$2 key cached
  key="$(echo "$SUITE minbase $(packages "$store")" | sha256sum | cut -c1-16)"
  cached="$ROOTFS_CACHE/$store-$key.tar"
  mkdir -p "$rootfs" "$ROOTFS_CACHE"
  if [ -f "$cached" ]; then
    tar -C "$rootfs" -xf "$cached"
    return 0
  fi
  debootstrap --variant=minbase --include="$(packages "$store")" "$SUITE" "$rootfs" >"$work/$store.log" 2>&1 ||
    fail "$store: debootstrap failed (are Debian's packages reachable?); last lines: $(tail -n 3 "$work/$store.log" | tr '\n' ' ')"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -cf "$cached.tmp" . && mv "$cached.tmp" "$cached"
}

image_of() {
  case $1 in
    postgres) echo "$DBC_POSTGRES_IMAGE" ;; redis) echo "$DBC_REDIS_IMAGE" ;;
    mongodb) echo "$DBC_MONGODB_IMAGE" ;; qdrant) echo "$DBC_QDRANT_IMAGE" ;;
    *) fail "unknown store '$1' (expected postgres, redis, mongodb or qdrant)" ;;
  esac
}

build() {
  local store=$1 image hash current rootfs
  image="$(image_of "$store")"
  hash="$(recipe "$store" | sha256sum | cut -c1-16)"
  current="$(docker image inspect --format '{{ index .Config.Labels "database-config.recipe" }}' "$image" 2>/dev/null || true)"
  if [ "$current" = "$hash" ]; then
    echo "$store: $image is up to date (recipe $hash)"
    return 0
  fi
  local started=$SECONDS
  rootfs="$work/$store"
  base_rootfs "$store" "$rootfs"
  add_files "$store" "$rootfs"
  local changes=() line
  while IFS= read -r line; do changes+=(-c "$line"); done < <(import_changes "$store")
  tar -C "$rootfs" -c . | docker import "${changes[@]}" -c "LABEL database-config.recipe=$hash" - "$image" >/dev/null ||
    fail "$store: 'docker import' of $image failed (is dockerd running? try 'docker info')"
  rm -rf "$rootfs"
  echo "$store: built $image (recipe $hash) in $((SECONDS - started)) s"
}

[ "$(id -u)" = 0 ] || fail "must run as root (debootstrap needs it); try: sudo $0"
command -v debootstrap >/dev/null || fail "debootstrap is not installed; run: apt-get install -y debootstrap"
docker info >/dev/null 2>&1 || fail "the Docker engine does not answer ('docker info' failed); start dockerd or run scripts/offline-setup.sh"

stores=("$@")
[ ${#stores[@]} -gt 0 ] || stores=(postgres redis mongodb qdrant)
pids=()
for store in "${stores[@]}"; do
  image_of "$store" >/dev/null
  build "$store" &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
[ $status = 0 ] || fail "some images failed to build (see above)"
