#!/bin/sh
# Runs once, when the Postgres container creates its data directory: the roles of
# /hotpath/roles.sql, with their passwords from the environment (see docker/compose.yml).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner_password="$HOTPATH_OWNER_PASSWORD" -v app_password="$HOTPATH_APP_PASSWORD" <<'SQL'
SELECT set_config('hotpath.owner_role', 'hotpath_owner', false),
       set_config('hotpath.app_role', 'hotpath_app', false),
       set_config('hotpath.owner_password', :'owner_password', false),
       set_config('hotpath.app_password', :'app_password', false);
\i /hotpath/roles.sql
SQL
