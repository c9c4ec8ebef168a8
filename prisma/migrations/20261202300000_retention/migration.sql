-- Issue 14: retention explanations and signed assessments (additive only).

-- CreateEnum
CREATE TYPE "AssessmentResult" AS ENUM ('PASS', 'FAIL');

-- CreateTable
CREATE TABLE "RetentionExplanation" (
    "id" TEXT NOT NULL,
    "vocationalSchoolId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RetentionExplanation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetentionAssessment" (
    "id" TEXT NOT NULL,
    "vocationalSchoolId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "assessorCountyId" TEXT,
    "method" TEXT,
    "result" "AssessmentResult" NOT NULL,
    "comment" TEXT NOT NULL,
    "reason" TEXT,
    "figures" JSONB NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "supersededAt" TIMESTAMP(3),

    CONSTRAINT "RetentionAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RetentionExplanation_vocationalSchoolId_year_idx" ON "RetentionExplanation"("vocationalSchoolId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "RetentionAssessment_vocationalSchoolId_year_version_key" ON "RetentionAssessment"("vocationalSchoolId", "year", "version");

-- AddForeignKey
ALTER TABLE "RetentionExplanation" ADD CONSTRAINT "RetentionExplanation_vocationalSchoolId_fkey" FOREIGN KEY ("vocationalSchoolId") REFERENCES "VocationalSchool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetentionAssessment" ADD CONSTRAINT "RetentionAssessment_vocationalSchoolId_fkey" FOREIGN KEY ("vocationalSchoolId") REFERENCES "VocationalSchool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A version after the first must give its reason (corrections by new version with reason).
ALTER TABLE "RetentionAssessment" ADD CONSTRAINT "RetentionAssessment_reason_check" CHECK ("version" = 1 OR "reason" IS NOT NULL);
