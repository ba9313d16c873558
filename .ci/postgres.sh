#!/usr/bin/env bash
# Start a PostgreSQL server for totor's store tests and print the settings to use it.
#
# Installs Debian's postgresql package only when no server binary is present, starts the
# default cluster when nothing answers on the port, then creates (or resets the password of)
# a test user and database. Prints `export TOTOR_TEST_PG_URL=...` and also writes it to
# ${TOTOR_PG_ENV_FILE:-.ci/postgres.env} so that .ci/run can `source` it.
#
# Usage: eval "$(bash .ci/postgres.sh)"    or    bash .ci/postgres.sh && source .ci/postgres.env
set -euo pipefail

PG_USER="${TOTOR_PG_USER:-totor}"
PG_PASSWORD="${TOTOR_PG_PASSWORD:-totor}"
PG_DB="${TOTOR_PG_DB:-totor_test}"
PG_PORT="${TOTOR_PG_PORT:-5432}"
ENV_FILE="${TOTOR_PG_ENV_FILE:-$(dirname "$0")/postgres.env}"

log() { echo "postgres.sh: $*" >&2; }

as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "installing postgresql (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
PG_VERSION="$(basename "$(dirname "$PG_BIN")")"

if ! "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
  if command -v pg_lsclusters >/dev/null 2>&1; then
    if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -q "^$PG_VERSION main$"; then
      log "creating cluster $PG_VERSION/main"
      pg_createcluster "$PG_VERSION" main -p "$PG_PORT" >&2
    fi
    log "starting cluster $PG_VERSION/main"
    pg_ctlcluster "$PG_VERSION" main start >&2 || true
  fi
  # Without the cluster tools (or if they failed), run the server directly as postgres.
  if ! "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    DATA_DIR="${TOTOR_PG_DATA:-/tmp/totor-pgdata}"
    if [ ! -f "$DATA_DIR/PG_VERSION" ]; then
      mkdir -p "$DATA_DIR"
      [ "$(id -u)" = "0" ] && chown postgres "$DATA_DIR"
      as_postgres "'$PG_BIN/initdb' -D '$DATA_DIR' -A trust >/dev/null"
    fi
    as_postgres "'$PG_BIN/pg_ctl' -D '$DATA_DIR' -o '-p $PG_PORT -k /tmp' -l '$DATA_DIR/log' start >/dev/null"
  fi
  for _ in $(seq 1 30); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
    sleep 1
  done
fi
"$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" >&2

SOCKET_DIR="/var/run/postgresql"
[ -S "$SOCKET_DIR/.s.PGSQL.$PG_PORT" ] || SOCKET_DIR=/tmp

# Peer authentication over the local socket: no password needed for the superuser.
psql_admin() {
  if [ "$(id -u)" = "0" ]; then
    su postgres -s /bin/sh -c "psql -X -q -v ON_ERROR_STOP=1 -h $SOCKET_DIR -p $PG_PORT -d postgres" >&2
  else
    psql -X -q -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$PG_PORT" -d postgres >&2
  fi
}

# The test user may create databases: each store test gets a fresh one.
psql_admin <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  ELSE
    ALTER ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END
\$\$;
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB')\gexec
SQL

URL="postgresql+psycopg://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
echo "export TOTOR_TEST_PG_URL=$URL" > "$ENV_FILE"
echo "export TOTOR_TEST_PG_URL=$URL"
