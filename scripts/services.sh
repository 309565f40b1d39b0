#!/bin/sh
# npm run services [-- postgres|redis] — starts the local PostgreSQL and Redis (default: both) the full test suite
# and the distributed mode use, on Debian's packages (postgresql, redis-server). Idempotent: whatever already runs
# is left as it is.
#
#   PostgreSQL: the first cluster pg_lsclusters lists (Debian 12: 15/main), the role `playground` (password
#               `playground`, CREATEDB: each test run creates and drops its own database) and `playground_test`.
#   Redis:      redis-server on 127.0.0.1:6379 without persistence, unless something answers there already.
#
# Progress goes to stderr; stdout carries only the line to evaluate, so this works:
#   eval "$(npm run -s services)"      # then: npm test
# Needs root (or sudo) for PostgreSQL: the role is created as the `postgres` user.
set -eu

DEFAULT_PG_URL="postgresql://playground:playground@127.0.0.1:5432/playground_test"
REDIS_PORT=6379
say() { echo "services: $*" >&2; }
failed=0

# Runs a command as the postgres user: directly when we are it, through su as root, else through sudo. From /,
# because the postgres user may not be allowed into the current folder (psql then complains about it).
as_postgres() (
  cd /
  if [ "$(id -un)" = postgres ]; then "$@"
  elif [ "$(id -u)" = 0 ]; then su postgres -c "$(printf '%s ' "$@")"
  else sudo -u postgres "$@"
  fi
)

start_postgres() {
  if ! command -v pg_lsclusters >/dev/null 2>&1; then
    say "PostgreSQL is not installed: apt-get install postgresql (elsewhere, start yours and run: CREATE ROLE playground LOGIN PASSWORD 'playground' CREATEDB; CREATE DATABASE playground_test OWNER playground;)"
    return 1
  fi
  cluster=$(pg_lsclusters -h | awk 'NR == 1 { print $1 " " $2 }')
  if [ -z "$cluster" ]; then
    say "no PostgreSQL cluster: pg_createcluster --start 15 main"
    return 1
  fi
  # pg_ctlcluster start fails when the cluster already runs: that is fine, status says so.
  # shellcheck disable=SC2086 # "$cluster" is "version name", two arguments on purpose
  as_postgres pg_ctlcluster $cluster start >/dev/null 2>&1 || as_postgres pg_ctlcluster $cluster status >/dev/null ||
    { say "PostgreSQL $cluster did not start (see /var/log/postgresql/)"; return 1; }
  i=0
  until pg_isready -q -h 127.0.0.1 -p 5432; do
    i=$((i + 1)); [ "$i" -gt 30 ] && { say "PostgreSQL did not accept connections within 30 s"; return 1; }; sleep 1
  done
  # Every failure below returns explicitly: the caller's `&&`/`||` switches `set -e` off inside this function.
  as_postgres psql -v ON_ERROR_STOP=1 -q -d postgres <<'SQL' || { say "creating the role and database failed (psql above)"; return 1; }
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'playground') THEN
    CREATE ROLE playground LOGIN PASSWORD 'playground' CREATEDB;
  ELSE
    ALTER ROLE playground LOGIN PASSWORD 'playground' CREATEDB;
  END IF;
END $$;
SELECT 'CREATE DATABASE playground_test OWNER playground'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'playground_test')\gexec
SQL
  say "PostgreSQL $cluster: running, role playground and database playground_test ready"
}

redis_answers() { [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

start_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    say "redis-server is not installed: apt-get install redis-server"
    return 1
  fi
  if redis_answers; then
    say "Redis: already answering on 127.0.0.1:$REDIS_PORT"
    return 0
  fi
  redis-server --daemonize yes --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >/dev/null ||
    { say "redis-server did not start"; return 1; }
  i=0
  until redis_answers; do
    i=$((i + 1)); [ "$i" -gt 50 ] && { say "redis-server did not answer within 5 s"; return 1; }; sleep 0.1
  done
  say "Redis: started on 127.0.0.1:$REDIS_PORT (no persistence; stop it with redis-cli -p $REDIS_PORT shutdown)"
}

which="${1:-all}"
case "$which" in
  all | postgres | redis) ;;
  *) say "usage: sh scripts/services.sh [all|postgres|redis]"; exit 2 ;;
esac
pg_ok=0
if [ "$which" != redis ]; then start_postgres && pg_ok=1 || failed=1; fi
if [ "$which" != postgres ]; then start_redis || failed=1; fi

if [ "$pg_ok" = 1 ]; then
  say "the full npm test needs TEST_DATABASE_URL_PG exported; the distributed mode reads REDIS_URL (redis://127.0.0.1:$REDIS_PORT)"
  echo "export TEST_DATABASE_URL_PG=$DEFAULT_PG_URL"
fi
exit "$failed"
