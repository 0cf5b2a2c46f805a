#!/usr/bin/env bash
# The Qdrant stand-in's own test suite (images/qdrant/test_server.py), run with pytest against the
# qdrant-client version the image is built with. The client and pytest are installed once into a
# cache folder (pip --target, as the image build does), so the machine's Python stays untouched.
# Usage: test-qdrant-standin.sh [pytest args...]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fail() { echo "test-qdrant-standin: $*" >&2; exit 1; }

client="$(sed -n 's/^QDRANT_CLIENT_VERSION=\([0-9.]*\).*/\1/p' "$repo/scripts/build-offline-images.sh")"
[ -n "$client" ] || fail "no QDRANT_CLIENT_VERSION= line in scripts/build-offline-images.sh"
PYTEST_VERSION=9.0.3
command -v python3 >/dev/null || fail "python3 is not installed; run: apt-get install -y python3 python3-pip"
site="${DBC_QDRANT_TEST_CACHE:-/var/cache/database-config}/qdrant-standin-test-$client-pytest$PYTEST_VERSION-py$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')"

if [ ! -f "$site/.complete" ]; then
  echo "test-qdrant-standin: installing qdrant-client==$client and pytest==$PYTEST_VERSION into $site" >&2
  rm -rf "$site"
  mkdir -p "$(dirname "$site")"
  installed=
  for attempt in 1 2 3; do # the registry occasionally fails one download (certificate errors)
    if python3 -m pip install --quiet --disable-pip-version-check --no-cache-dir --target "$site" \
      "qdrant-client==$client" "pytest==$PYTEST_VERSION" >"$site.log" 2>&1; then
      installed=1
      break
    fi
    echo "test-qdrant-standin: pip install failed (attempt $attempt of 3)" >&2
    rm -rf "$site"
  done
  [ -n "$installed" ] || fail "'pip install qdrant-client==$client pytest==$PYTEST_VERSION' failed 3 times (is PyPI reachable? is pip installed: python3 -m pip --version?); last lines: $(tail -n 3 "$site.log" | tr '\n' ' ')"
  touch "$site/.complete"
fi

cd "$repo"
PYTHONPATH="$site" PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 PYTHONDONTWRITEBYTECODE=1 \
  python3 -m pytest images/qdrant/test_server.py -q -p no:cacheprovider "$@"
