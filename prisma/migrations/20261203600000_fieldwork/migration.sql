-- Issue 21: field work — publicity visits (宣传走访), follow-ups and home visits (跟踪回访), risk flags (additive only).


-- CreateEnum
CREATE TYPE "FollowUpKind" AS ENUM ('STUDY_CHECK', 'HOME_VISIT', 'PHONE', 'OTHER');

-- CreateTable
CREATE TABLE "PublicityVisit" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "vocationalSchoolId" TEXT NOT NULL,
    "middleSchoolId" TEXT NOT NULL,
    "visitedOn" TEXT NOT NULL,
    "people" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "studentsReached" INTEGER NOT NULL,
    "parentsReached" INTEGER NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),
    "confirmedById" TEXT,
    "voidedAt" TIMESTAMP(3),
    "voidedById" TEXT,
    "voidReason" TEXT,

    CONSTRAINT "PublicityVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicityVisitFile" (
    "visitId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,

    CONSTRAINT "PublicityVisitFile_pkey" PRIMARY KEY ("visitId","documentId")
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "kind" "FollowUpKind" NOT NULL,
    "occurredOn" TEXT NOT NULL,
    "recorderRole" "Role" NOT NULL,
    "middleSchoolParticipants" TEXT,
    "vocationalParticipants" TEXT,
    "otherParticipants" TEXT,
    "notes" TEXT NOT NULL,
    "riskRaised" BOOLEAN NOT NULL DEFAULT false,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskFlag" (
    "id" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "followUpId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "raisedOn" TEXT NOT NULL,
    "raisedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clearedAt" TIMESTAMP(3),
    "clearedById" TEXT,
    "clearReason" TEXT,

    CONSTRAINT "RiskFlag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PublicityVisit_year_middleSchoolId_idx" ON "PublicityVisit"("year", "middleSchoolId");

-- CreateIndex
CREATE INDEX "PublicityVisit_year_vocationalSchoolId_idx" ON "PublicityVisit"("year", "vocationalSchoolId");

-- CreateIndex
CREATE INDEX "FollowUp_enrolmentId_idx" ON "FollowUp"("enrolmentId");

-- CreateIndex
CREATE UNIQUE INDEX "RiskFlag_followUpId_key" ON "RiskFlag"("followUpId");

-- CreateIndex
CREATE INDEX "RiskFlag_enrolmentId_idx" ON "RiskFlag"("enrolmentId");

-- AddForeignKey
ALTER TABLE "PublicityVisit" ADD CONSTRAINT "PublicityVisit_vocationalSchoolId_fkey" FOREIGN KEY ("vocationalSchoolId") REFERENCES "VocationalSchool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicityVisit" ADD CONSTRAINT "PublicityVisit_middleSchoolId_fkey" FOREIGN KEY ("middleSchoolId") REFERENCES "MiddleSchool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicityVisitFile" ADD CONSTRAINT "PublicityVisitFile_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "PublicityVisit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicityVisitFile" ADD CONSTRAINT "PublicityVisitFile_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskFlag" ADD CONSTRAINT "RiskFlag_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskFlag" ADD CONSTRAINT "RiskFlag_followUpId_fkey" FOREIGN KEY ("followUpId") REFERENCES "FollowUp"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- At most one open (not cleared) 流失风险 flag per student
CREATE UNIQUE INDEX "RiskFlag_one_open_per_enrolment" ON "RiskFlag"("enrolmentId") WHERE "clearedAt" IS NULL;
