#!/bin/sh
# PostgreSQL for the compose stack, on either image: the official postgres image or the local
# tracekit/postgres-base (Debian's postgresql package, no entrypoint). Runs as root, drops to
# the postgres user.
#
#   init-and-run.sh         initialise the cluster on first start (password auth for the
#                           compose network, databases $POSTGRES_DATABASES), then run the server
#   init-and-run.sh check   health check: does the server accept TCP connections?
set -eu

PGDATA=${PGDATA:-/var/lib/postgresql/data}
DATABASES=${POSTGRES_DATABASES:-tracekit demo}
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
[ -x "$BIN/postgres" ] || { echo "no PostgreSQL server found under /usr/lib/postgresql" >&2; exit 1; }

if [ "${1:-}" = check ]; then
    # The setup below listens on the unix socket only, so this succeeds once setup is done.
    exec "$BIN/pg_isready" -q -h 127.0.0.1 -p 5432 -U postgres -d postgres
fi

if command -v gosu >/dev/null 2>&1; then
    as_postgres() { gosu postgres "$@"; }
else
    as_postgres() { runuser -u postgres -- "$@"; }
fi

mkdir -p "$PGDATA" /var/run/postgresql
chown postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    : "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD (see .env.example)}"
    echo "init-and-run: initialising a new cluster in $PGDATA"
    pwfile=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
    chown postgres "$pwfile"
    as_postgres "$BIN/initdb" -D "$PGDATA" -U postgres --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    rm -f "$pwfile"
    # Other containers of the compose network connect with the password.
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
fi

if [ ! -f "$PGDATA/tracekit-databases-created" ]; then
    # A private server on the unix socket creates what is missing (also after an interrupted setup).
    as_postgres "$BIN/pg_ctl" -D "$PGDATA" -w -s -o "-c listen_addresses=''" start
    for db in $DATABASES; do
        exists=$(as_postgres "$BIN/psql" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")
        if [ "$exists" != 1 ]; then
            as_postgres "$BIN/psql" -q -v ON_ERROR_STOP=1 -U postgres -d postgres -c "CREATE DATABASE \"$db\""
            echo "init-and-run: created database $db"
        fi
    done
    as_postgres "$BIN/pg_ctl" -D "$PGDATA" -w -s -m fast stop
    as_postgres touch "$PGDATA/tracekit-databases-created"
fi

echo "init-and-run: starting PostgreSQL from $BIN"
if command -v gosu >/dev/null 2>&1; then
    exec gosu postgres "$BIN/postgres" -D "$PGDATA" -c listen_addresses='*'
fi
exec runuser -u postgres -- "$BIN/postgres" -D "$PGDATA" -c listen_addresses='*'
