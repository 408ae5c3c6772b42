#!/usr/bin/env bash
# Runs a command with FOOTCHECK_TEST_DB_URL pointing at a throw-away PostgreSQL cluster on a
# free local port, made from Debian's `postgresql` package (installed when missing), and
# removed afterwards. Usage: scripts/with-postgres.sh .venv/bin/python -m pytest tests/...
set -euo pipefail
cd "$(dirname "$0")/.."

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
bindir="$(find_bin)"
if [ -z "$bindir" ]; then
  echo "Installing Debian's postgresql for the PostgreSQL test run"
  scripts/apt-install.sh postgresql
  bindir="$(find_bin)"
fi

work="$(mktemp -d /tmp/footcheck-pg.XXXXXX)"
chmod 755 "$work"
as_owner=()
if [ "$(id -u)" = "0" ]; then  # PostgreSQL refuses to run as root
  chown postgres "$work"
  as_owner=(runuser -u postgres --)
fi
port="$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
stop() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT
"${as_owner[@]}" "$bindir/initdb" -D "$work/data" -U footcheck --auth=trust -E UTF8 \
  --locale=C.UTF-8 >/dev/null
"${as_owner[@]}" "$bindir/pg_ctl" -D "$work/data" -l "$work/server.log" -w start -o \
  "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
  >/dev/null
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on port $port"
FOOTCHECK_TEST_DB_URL="postgresql+psycopg://footcheck@127.0.0.1:$port/postgres" "$@"
