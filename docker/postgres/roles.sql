-- The roles of a Hotpath database, run by a superuser in that database. The session settings
-- hotpath.owner_role, hotpath.app_role, hotpath.owner_password and hotpath.app_password name
-- them (docker/postgres/initdb.d/10-roles.sh sets them from the environment).
--   owner: owns the database and its schema; runs migrations, the data loader and
--          projections:rebuild (which truncates).
--   app:   what the API and the worker connect as: reads and writes rows, nothing else (no DDL,
--          no TRUNCATE, not a superuser).
-- Idempotent: existing roles keep their passwords.
DO $roles$
DECLARE
  owner text := current_setting('hotpath.owner_role');
  app text := current_setting('hotpath.app_role');
  db text := current_database();
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = owner) THEN
    EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', owner, current_setting('hotpath.owner_password'));
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
    EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', app, current_setting('hotpath.app_password'));
  END IF;
  EXECUTE format('ALTER DATABASE %I OWNER TO %I', db, owner);
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', db);
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', db, app);
  EXECUTE format('ALTER SCHEMA public OWNER TO %I', owner);
  REVOKE CREATE ON SCHEMA public FROM PUBLIC;
  EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app);
  -- What the owner creates from now on (every migration), and what it already has.
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', owner, app);
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I', owner, app);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', app);
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app);
END
$roles$;
