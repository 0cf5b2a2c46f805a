#!/bin/sh
# Entrypoint of the offline Redis image, as the official one: arguments starting with "-"
# (or a .conf file) go to redis-server, and protected mode is turned off when redis-server
# runs without a config file, else Debian's server refuses every client outside the container.
set -eu

if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi
if [ "$1" = redis-server ]; then
  mkdir -p /data
  cd /data
  case "${2:-}" in
    *.conf) ;;
    *) set -- "$@" --protected-mode no ;;
  esac
fi
exec "$@"
