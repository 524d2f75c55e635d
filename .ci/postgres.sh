#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the cohort-store tests and export its DSN.
# Source it: `. .ci/postgres.sh` sets PRACTICE_SIM_TEST_PG and stops the server on exit.
# Installs PostgreSQL from Debian's packages when no server binaries are present.
pg_bin_dir() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/postgres" ] && [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    done
    return 1
}

if ! PG_BIN=$(pg_bin_dir); then
    echo "ci: installing PostgreSQL" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PG_BIN=$(pg_bin_dir)
fi

PG_PORT=${PRACTICE_SIM_PG_PORT:-54329}
PG_ROOT=$(mktemp -d /tmp/practice-sim-pg.XXXXXX)
PG_USER=$(id -un)
if [ "$(id -u)" = 0 ]; then
    # initdb and postgres refuse to run as root: use the postgres account.
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$PG_ROOT" postgres
    PG_USER=postgres
    chown "$PG_USER" "$PG_ROOT"
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi
as_pg "$PG_BIN/initdb" -D "$PG_ROOT/data" -U "$PG_USER" --auth=trust -E UTF8 --no-sync >/dev/null
# $PG_ROOT/ctl start|stop: the tests that kill the store mid-day stop and restart the server.
cat > "$PG_ROOT/ctl" <<CTL
#!/usr/bin/env bash
set -e
run() { if [ "\$(id -u)" = 0 ]; then runuser -u postgres -- "\$@"; else "\$@"; fi; }
case "\$1" in
  start) run "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/log" -w -t 60 start \
           -o "-p $PG_PORT -k $PG_ROOT -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" >/dev/null ;;
  stop) run "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -m fast -w stop >/dev/null ;;
esac
CTL
chmod +x "$PG_ROOT/ctl"
"$PG_ROOT/ctl" start
stop_postgres() { as_pg "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -m fast -w stop >/dev/null 2>&1 || true; }
trap stop_postgres EXIT
export PRACTICE_SIM_TEST_PG="postgresql://$PG_USER@127.0.0.1:$PG_PORT/postgres"
export PRACTICE_SIM_TEST_PG_CTL="$PG_ROOT/ctl"
echo "ci: $("$PG_BIN/postgres" --version) at $PRACTICE_SIM_TEST_PG" >&2
