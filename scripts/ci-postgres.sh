#!/bin/sh
# Starts Debian's PostgreSQL 15 cluster and creates the role + database the PostgreSQL tests use.
# Idempotent: safe to run twice. Run as root (CI). Afterwards:
#   export TEST_DATABASE_URL_PG=postgresql://playground:playground@127.0.0.1:5432/playground_test
# The role gets CREATEDB because each test run creates (and drops) its own fresh database,
# and `db:migrate:dev` needs a shadow database.
set -eu
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /etc/postgresql/15/main ]; then
  # Not installed yet (fresh CI image): Debian's PostgreSQL 15 creates and starts cluster 15/main.
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
# start exits non-zero when the cluster is already running; that is fine.
pg_ctlcluster 15 main start >/dev/null 2>&1 || pg_ctlcluster 15 main status >/dev/null
# Wait until the server accepts connections (start returns before that on slow machines).
i=0
until su postgres -c "pg_isready -q -h 127.0.0.1 -p 5432"; do
  i=$((i + 1)); [ "$i" -gt 30 ] && { echo "postgres did not start" >&2; exit 1; }; sleep 1
done
su postgres -c "psql -v ON_ERROR_STOP=1 -q -d postgres" <<'SQL'
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
echo "TEST_DATABASE_URL_PG=postgresql://playground:playground@127.0.0.1:5432/playground_test"
