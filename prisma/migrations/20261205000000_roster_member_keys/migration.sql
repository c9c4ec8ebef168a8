-- The keys of a frozen 附件4 (decision 102): each row's enrolment and source county, in the rows' order,
-- derived by PostgreSQL from "rows" itself (GENERATED: no write path can set them apart from the rows).
-- Retention reads these two short arrays instead of expanding every school's frozen rows on each page.
-- Not in prisma/schema.prisma: Prisma never writes them, and reads them only through raw SQL.
ALTER TABLE "RosterSubmission"
  ADD COLUMN "enrolmentIds" JSONB GENERATED ALWAYS AS (jsonb_path_query_array("rows", '$[*].enrolmentId')) STORED,
  ADD COLUMN "countyIds" JSONB GENERATED ALWAYS AS (jsonb_path_query_array("rows", '$[*].countyId')) STORED;
