#!/bin/sh
# Kept for older instructions (`export $(sh scripts/ci-postgres.sh)`): installs Debian's PostgreSQL when it is
# missing, then scripts/services.sh starts it and creates the test role and database (the one home of those
# steps), printing TEST_DATABASE_URL_PG=… as before. Run as root. New instructions: npm run services.
set -eu
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
line=$(sh "$(dirname "$0")/services.sh" postgres)
echo "${line#export }"
