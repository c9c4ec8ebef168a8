-- Issue 13: leaving, exam return, corrections, autumn registration, 附件6 (additive only).

-- CreateEnum
CREATE TYPE "RegistrationDecision" AS ENUM ('REGISTERED', 'NOT_CONTINUING');

-- AlterEnum
ALTER TYPE "Phase" ADD VALUE 'AUTUMN_REGISTRATION';

-- AlterEnum


ALTER TYPE "StatusEventType" ADD VALUE 'EXAM_RETURN';
ALTER TYPE "StatusEventType" ADD VALUE 'NOT_CONTINUING';
ALTER TYPE "StatusEventType" ADD VALUE 'CORRECTION';

-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "registrationDecidedAt" TIMESTAMP(3),
ADD COLUMN     "registrationDecidedById" TEXT,
ADD COLUMN     "registrationDecision" "RegistrationDecision";

-- AlterTable
ALTER TABLE "StatusEvent" ADD COLUMN     "correctsEventId" TEXT,
ADD COLUMN     "examBackOn" TEXT,
ADD COLUMN     "examUntil" TEXT,
ADD COLUMN     "otherSchoolName" TEXT,
ADD COLUMN     "returnConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "returnConfirmedById" TEXT;

-- CreateTable
CREATE TABLE "Annex6Submission" (
    "id" TEXT NOT NULL,
    "vocationalSchoolId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "reason" TEXT,
    "rows" JSONB NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "submittedById" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "receivedById" TEXT,
    "receivedAt" TIMESTAMP(3),
    "supersededAt" TIMESTAMP(3),

    CONSTRAINT "Annex6Submission_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Annex6Submission_vocationalSchoolId_year_version_key" ON "Annex6Submission"("vocationalSchoolId", "year", "version");

-- CreateIndex
CREATE UNIQUE INDEX "StatusEvent_correctsEventId_key" ON "StatusEvent"("correctsEventId");

-- AddForeignKey
ALTER TABLE "StatusEvent" ADD CONSTRAINT "StatusEvent_correctsEventId_fkey" FOREIGN KEY ("correctsEventId") REFERENCES "StatusEvent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annex6Submission" ADD CONSTRAINT "Annex6Submission_vocationalSchoolId_fkey" FOREIGN KEY ("vocationalSchoolId") REFERENCES "VocationalSchool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- At most one live (not corrected) leave per enrolment (the domain also locks the enrolment row).
CREATE UNIQUE INDEX "StatusEvent_one_live_leave" ON "StatusEvent"("enrolmentId") WHERE "revokedAt" IS NULL AND "type" IN ('LEFT_RETURN_MIDDLE_SCHOOL', 'LEFT_OTHER_HIGH_SCHOOL', 'LEFT_DROPOUT', 'LEFT_OTHER');
