-- Issue 10 §8 / docs/decisions/012: the application connects as a role that cannot empty the audit log.
-- Migrations run as the owner (MIGRATION_DATABASE_URL). The app (DATABASE_URL) logs in as a member of
-- zjb_app, which may read and write the tables but only SELECT and INSERT on "AuditLog": no UPDATE,
-- DELETE or TRUNCATE, and DROP RULE / ALTER TABLE need ownership, which it does not have.
-- Roles are cluster-wide: created once, granted in every database. An owner without CREATEROLE
-- skips the role with a notice, and the administrator creates it (README "数据库账号").
-- Prisma's migrate splits this file on semicolons, so the function body writes them as \073.
CREATE OR REPLACE FUNCTION "zjb_setup_app_role"() RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ''zjb_app'') THEN
    BEGIN
      CREATE ROLE zjb_app NOLOGIN\073
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE ''role zjb_app not created (no CREATEROLE), see README''\073
      RETURN\073
    END\073
  END IF\073
  GRANT USAGE ON SCHEMA public TO zjb_app\073
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO zjb_app\073
  GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO zjb_app\073
  REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON "AuditLog" FROM zjb_app\073
  REVOKE ALL ON "_prisma_migrations" FROM zjb_app\073
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO zjb_app\073
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO zjb_app\073
END';

SELECT "zjb_setup_app_role"();

DROP FUNCTION "zjb_setup_app_role"();
