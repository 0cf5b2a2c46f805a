#!/bin/sh
# Entrypoint of the offline MongoDB-protocol image: FerretDB with its SQLite backend.
# Arguments are passed to ferretdb; settings come from FERRETDB_* variables (see the image's ENV).
set -eu
mkdir -p /state
exec /usr/local/bin/ferretdb "$@"
