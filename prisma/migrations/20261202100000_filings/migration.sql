
-- CreateEnum
CREATE TYPE "FilingKind" AS ENUM ('IMPLEMENTATION_PLAN', 'TEACHING_PLAN', 'ANNUAL_REPORT', 'PLANNED_FIGURES');

-- AlterTable
ALTER TABLE "YearCalendar" ADD COLUMN     "annualReportDeadline" TEXT,
ADD COLUMN     "countyPlanDeadline" TEXT,
ADD COLUMN     "teachingPlanDeadline" TEXT;

-- CreateTable
CREATE TABLE "Filing" (
    "id" TEXT NOT NULL,
    "kind" "FilingKind" NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "filerKey" TEXT NOT NULL,
    "countyId" TEXT,
    "vocationalSchoolId" TEXT,
    "reviewerCountyId" TEXT,
    "status" "FilingStatus" NOT NULL DEFAULT 'DRAFT',
    "content" JSONB NOT NULL,
    "documentId" TEXT,
    "submittedOn" TEXT,
    "submittedAt" TIMESTAMP(3),
    "submittedById" TEXT,
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "reviewComment" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Filing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FilingWaiver" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "filerKey" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,

    CONSTRAINT "FilingWaiver_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Filing_kind_year_reviewerCountyId_idx" ON "Filing"("kind", "year", "reviewerCountyId");

-- CreateIndex
CREATE UNIQUE INDEX "Filing_kind_year_filerKey_version_key" ON "Filing"("kind", "year", "filerKey", "version");

-- CreateIndex
CREATE INDEX "FilingWaiver_year_filerKey_idx" ON "FilingWaiver"("year", "filerKey");

-- AddForeignKey
ALTER TABLE "Filing" ADD CONSTRAINT "Filing_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Filing" ADD CONSTRAINT "Filing_vocationalSchoolId_fkey" FOREIGN KEY ("vocationalSchoolId") REFERENCES "VocationalSchool"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Filing" ADD CONSTRAINT "Filing_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written (Prisma cannot express these, see docs/decisions/001 and 015).
-- A filing belongs to exactly one filer, named consistently in filerKey.
ALTER TABLE "Filing" ADD CONSTRAINT "Filing_one_filer_check" CHECK (
  ("countyId" IS NOT NULL AND "vocationalSchoolId" IS NULL AND "filerKey" = 'county:' || "countyId")
  OR ("countyId" IS NULL AND "vocationalSchoolId" IS NOT NULL AND "filerKey" = 'voc:' || "vocationalSchoolId"));
ALTER TABLE "Filing" ADD CONSTRAINT "Filing_version_check" CHECK ("version" >= 1);
-- Submitted, returned and approved versions carry their submission date, reviewed ones their reviewer.
ALTER TABLE "Filing" ADD CONSTRAINT "Filing_submitted_check" CHECK ("status" = 'DRAFT' OR ("submittedOn" IS NOT NULL AND "submittedById" IS NOT NULL));
ALTER TABLE "Filing" ADD CONSTRAINT "Filing_reviewed_check" CHECK ("status" IN ('DRAFT', 'SUBMITTED') OR "reviewedById" IS NOT NULL);
ALTER TABLE "FilingWaiver" ADD CONSTRAINT "FilingWaiver_filer_check" CHECK (("filerKey" LIKE 'county:_%' OR "filerKey" LIKE 'voc:_%') AND length(trim("reason")) >= 2);
