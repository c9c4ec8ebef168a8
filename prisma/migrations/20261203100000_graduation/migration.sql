-- Issue 14 items 4–5: graduation (完成义务教育), certificates, files sent back, continuation path (additive only).

-- CreateEnum
CREATE TYPE "ContinuationPath" AS ENUM ('CONTINUE_HERE', 'OTHER_HIGH_SCHOOL', 'OTHER');

-- AlterEnum
ALTER TYPE "StatusEventType" ADD VALUE 'COMPLETED';

-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "continuationNote" TEXT,
ADD COLUMN     "continuationPath" "ContinuationPath",
ADD COLUMN     "graduatedOn" TEXT;

-- AlterTable
ALTER TABLE "StatusEvent" ADD COLUMN     "certificateLevel" TEXT,
ADD COLUMN     "certificateName" TEXT,
ADD COLUMN     "certificateNo" TEXT,
ADD COLUMN     "receivedById" TEXT,
ADD COLUMN     "receivedOn" TEXT;

-- At most one live 义务教育证书 and one live files-sent record per student (a wrong one is voided first).
CREATE UNIQUE INDEX "StatusEvent_one_live_compulsory_certificate" ON "StatusEvent"("enrolmentId") WHERE "type" = 'COMPULSORY_CERTIFICATE' AND "revokedAt" IS NULL;
CREATE UNIQUE INDEX "StatusEvent_one_live_grades_sent" ON "StatusEvent"("enrolmentId") WHERE "type" = 'GRADES_SENT' AND "revokedAt" IS NULL;
