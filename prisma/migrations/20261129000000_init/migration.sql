-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('PREFECTURE', 'COUNTY', 'MIDDLE_SCHOOL', 'VOCATIONAL_SCHOOL');

-- CreateEnum
CREATE TYPE "PlanVersionStatus" AS ENUM ('DRAFT', 'ISSUED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "Phase" AS ENUM ('PUBLICITY', 'SEND_OFF', 'STABILISATION', 'CONFIRMATION', 'CONSOLIDATION', 'APPLICATION_ENTRY');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "GuardianRelation" AS ENUM ('FATHER_SON', 'FATHER_DAUGHTER', 'MOTHER_SON', 'MOTHER_DAUGHTER', 'OTHER');

-- CreateEnum
CREATE TYPE "EligibilityGround" AS ENUM ('LEARNING_DIFFICULTY', 'RETURNED_DROPOUT');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('DRAFT', 'SIGNED', 'APPROVED', 'REJECTED', 'SENT_OFF', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ArrivalStatus" AS ENUM ('PENDING', 'ARRIVED', 'NOT_ARRIVED');

-- CreateEnum
CREATE TYPE "EnrolmentStatus" AS ENUM ('ENROLLED', 'LEFT', 'GRADUATED');

-- CreateEnum
CREATE TYPE "StatusEventType" AS ENUM ('LEFT_RETURN_MIDDLE_SCHOOL', 'LEFT_OTHER_HIGH_SCHOOL', 'LEFT_DROPOUT', 'LEFT_OTHER', 'RETURNED', 'AUTUMN_REGISTERED', 'COMPULSORY_CERTIFICATE', 'SKILL_CERTIFICATE', 'GRADES_SENT');

-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('CONSENT_SCAN', 'SCHOOL_CHOICE', 'LEAVE_PROOF', 'TEACHING_PLAN', 'COUNTY_PLAN', 'REPORT', 'OTHER');

-- CreateEnum
CREATE TYPE "FilingStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED');

-- CreateEnum
CREATE TYPE "RosterCheckStatus" AS ENUM ('CONFIRMED', 'DISCREPANCY', 'RESOLVED');

-- CreateTable
CREATE TABLE "Prefecture" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "bureauName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Prefecture_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "County" (
    "id" TEXT NOT NULL,
    "prefectureId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "bureauName" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "County_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MiddleSchool" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefectureOwned" BOOLEAN NOT NULL DEFAULT false,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MiddleSchool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VocationalSchool" (
    "id" TEXT NOT NULL,
    "prefectureId" TEXT NOT NULL,
    "countyId" TEXT,
    "name" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "studentNoPattern" TEXT NOT NULL DEFAULT '{year}{class:2}{seq:3}',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VocationalSchool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "phone" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "prefectureId" TEXT,
    "countyId" TEXT,
    "middleSchoolId" TEXT,
    "vocationalSchoolId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failedLoginCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "lastLoginAt" TIMESTAMP(3),
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuotaPlan" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "cohortBaseYear" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuotaPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanVersion" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "PlanVersionStatus" NOT NULL DEFAULT 'DRAFT',
    "amendReason" TEXT,
    "source" TEXT NOT NULL DEFAULT 'MANUAL',
    "importFileName" TEXT,
    "importProblems" JSONB,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedById" TEXT,
    "issuedAt" TIMESTAMP(3),

    CONSTRAINT "PlanVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CountyQuota" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "cohortBase" INTEGER NOT NULL,
    "sendOffCap" INTEGER NOT NULL,
    "shanghaiTask" INTEGER NOT NULL,

    CONSTRAINT "CountyQuota_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VocationalQuota" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "vocationalSchoolId" TEXT NOT NULL,
    "enrolCap" INTEGER NOT NULL,
    "shanghaiTask" INTEGER NOT NULL,

    CONSTRAINT "VocationalQuota_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MiddleSchoolAllocation" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "middleSchoolId" TEXT NOT NULL,
    "allocation" INTEGER NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MiddleSchoolAllocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CapLock" (
    "year" INTEGER NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "CapLock_pkey" PRIMARY KEY ("year","key")
);

-- CreateTable
CREATE TABLE "YearCalendar" (
    "year" INTEGER NOT NULL,
    "mayDayHolidayEnd" TEXT NOT NULL,
    "extraNonWorkingDays" TEXT[],
    "makeUpWorkingDays" TEXT[],
    "makeUpSaturdaysCount" BOOLEAN NOT NULL DEFAULT false,
    "autumnRegistrationDate" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "YearCalendar_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "PhaseOverride" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "phase" "Phase" NOT NULL,
    "start" TEXT NOT NULL,
    "end" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,

    CONSTRAINT "PhaseOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "countyId" TEXT NOT NULL,
    "middleSchoolId" TEXT NOT NULL,
    "className" TEXT NOT NULL,
    "headTeacherName" TEXT NOT NULL,
    "headTeacherPhone" TEXT NOT NULL,
    "studentName" TEXT NOT NULL,
    "sex" "Sex" NOT NULL,
    "studentPhone" TEXT NOT NULL,
    "addressCounty" TEXT NOT NULL,
    "addressTownship" TEXT NOT NULL,
    "addressVillage" TEXT NOT NULL,
    "addressStreet" TEXT NOT NULL,
    "studentNumber" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,
    "birthDate" TEXT NOT NULL,
    "guardianName" TEXT NOT NULL,
    "guardianRelation" "GuardianRelation" NOT NULL,
    "guardianPhone" TEXT NOT NULL,
    "reason" TEXT,
    "vocationalSchoolId" TEXT NOT NULL,
    "major" TEXT,
    "eligibilityGround" "EligibilityGround" NOT NULL,
    "shanghaiFlag" BOOLEAN NOT NULL DEFAULT false,
    "studentSigned" BOOLEAN NOT NULL DEFAULT false,
    "guardianSigned" BOOLEAN NOT NULL DEFAULT false,
    "consentDocumentId" TEXT,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'DRAFT',
    "reviewDecision" BOOLEAN,
    "reviewDate" TEXT,
    "reviewComment" TEXT,
    "reviewedById" TEXT,
    "withdrawnAt" TIMESTAMP(3),
    "withdrawReason" TEXT,
    "enteredById" TEXT NOT NULL,
    "importBatchId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchoolChoiceChange" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "fromVocationalSchoolId" TEXT NOT NULL,
    "toVocationalSchoolId" TEXT NOT NULL,
    "documentId" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SchoolChoiceChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enrolment" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "countyId" TEXT NOT NULL,
    "middleSchoolId" TEXT NOT NULL,
    "vocationalSchoolId" TEXT NOT NULL,
    "shanghaiFlag" BOOLEAN NOT NULL DEFAULT false,
    "sentOffAt" TIMESTAMP(3) NOT NULL,
    "sentOffById" TEXT NOT NULL,
    "arrivalStatus" "ArrivalStatus" NOT NULL DEFAULT 'PENDING',
    "arrivedOn" TEXT,
    "classId" TEXT,
    "studentNo" TEXT,
    "status" "EnrolmentStatus" NOT NULL DEFAULT 'ENROLLED',
    "autumnRegistered" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Enrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VocationalClass" (
    "id" TEXT NOT NULL,
    "vocationalSchoolId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "major" TEXT NOT NULL,
    "sizeLimit" INTEGER NOT NULL,
    "headTeacherName" TEXT NOT NULL,
    "headTeacherPhone" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VocationalClass_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusEvent" (
    "id" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "type" "StatusEventType" NOT NULL,
    "occurredOn" TEXT NOT NULL,
    "exempt" BOOLEAN NOT NULL DEFAULT false,
    "proofDocumentId" TEXT,
    "comment" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,

    CONSTRAINT "StatusEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Document" (
    "id" TEXT NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "countyId" TEXT,
    "middleSchoolId" TEXT,
    "vocationalSchoolId" TEXT,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentBlob" (
    "documentId" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "DocumentBlob_pkey" PRIMARY KEY ("documentId")
);

-- CreateTable
CREATE TABLE "TeachingPlan" (
    "id" TEXT NOT NULL,
    "vocationalSchoolId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "managementMode" TEXT NOT NULL,
    "teachingGoals" TEXT NOT NULL,
    "classRows" JSONB NOT NULL,
    "compulsoryCourses" JSONB NOT NULL,
    "vocationalCourses" JSONB NOT NULL,
    "retentionMeasures" TEXT NOT NULL,
    "assessment" TEXT NOT NULL,
    "status" "FilingStatus" NOT NULL DEFAULT 'DRAFT',
    "submittedAt" TIMESTAMP(3),
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "reviewComment" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeachingPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CountyImplementationPlan" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "documentId" TEXT,
    "status" "FilingStatus" NOT NULL DEFAULT 'DRAFT',
    "submittedAt" TIMESTAMP(3),
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "reviewComment" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CountyImplementationPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnualReport" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "countyId" TEXT,
    "vocationalSchoolId" TEXT,
    "content" TEXT NOT NULL,
    "documentId" TEXT,
    "status" "FilingStatus" NOT NULL DEFAULT 'DRAFT',
    "submittedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnnualReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RosterSubmission" (
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

    CONSTRAINT "RosterSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RosterRelease" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "releasedById" TEXT NOT NULL,
    "releasedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RosterRelease_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RosterCheck" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "status" "RosterCheckStatus" NOT NULL,
    "comment" TEXT,
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredAt" TIMESTAMP(3),
    "checkedById" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RosterCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorRole" "Role",
    "orgLabel" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT,
    "entityId" TEXT,
    "summary" JSONB,
    "requestId" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Prefecture_name_key" ON "Prefecture"("name");

-- CreateIndex
CREATE UNIQUE INDEX "County_prefectureId_name_key" ON "County"("prefectureId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "County_prefectureId_sortOrder_key" ON "County"("prefectureId", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "MiddleSchool_countyId_name_key" ON "MiddleSchool"("countyId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "VocationalSchool_prefectureId_name_key" ON "VocationalSchool"("prefectureId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "VocationalSchool_prefectureId_sortOrder_key" ON "VocationalSchool"("prefectureId", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_countyId_idx" ON "User"("countyId");

-- CreateIndex
CREATE INDEX "User_middleSchoolId_idx" ON "User"("middleSchoolId");

-- CreateIndex
CREATE INDEX "User_vocationalSchoolId_idx" ON "User"("vocationalSchoolId");

-- CreateIndex
CREATE UNIQUE INDEX "QuotaPlan_year_key" ON "QuotaPlan"("year");

-- CreateIndex
CREATE UNIQUE INDEX "PlanVersion_planId_version_key" ON "PlanVersion"("planId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "CountyQuota_versionId_countyId_key" ON "CountyQuota"("versionId", "countyId");

-- CreateIndex
CREATE UNIQUE INDEX "VocationalQuota_versionId_vocationalSchoolId_key" ON "VocationalQuota"("versionId", "vocationalSchoolId");

-- CreateIndex
CREATE UNIQUE INDEX "MiddleSchoolAllocation_planId_middleSchoolId_key" ON "MiddleSchoolAllocation"("planId", "middleSchoolId");

-- CreateIndex
CREATE INDEX "PhaseOverride_year_phase_idx" ON "PhaseOverride"("year", "phase");

-- CreateIndex
CREATE INDEX "Application_middleSchoolId_year_status_idx" ON "Application"("middleSchoolId", "year", "status");

-- CreateIndex
CREATE INDEX "Application_vocationalSchoolId_year_idx" ON "Application"("vocationalSchoolId", "year");

-- CreateIndex
CREATE INDEX "Application_countyId_year_idx" ON "Application"("countyId", "year");

-- CreateIndex
CREATE INDEX "Application_year_idNumber_idx" ON "Application"("year", "idNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Enrolment_applicationId_key" ON "Enrolment"("applicationId");

-- CreateIndex
CREATE INDEX "Enrolment_countyId_year_idx" ON "Enrolment"("countyId", "year");

-- CreateIndex
CREATE INDEX "Enrolment_middleSchoolId_year_idx" ON "Enrolment"("middleSchoolId", "year");

-- CreateIndex
CREATE INDEX "Enrolment_vocationalSchoolId_year_idx" ON "Enrolment"("vocationalSchoolId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "Enrolment_vocationalSchoolId_studentNo_key" ON "Enrolment"("vocationalSchoolId", "studentNo");

-- CreateIndex
CREATE UNIQUE INDEX "VocationalClass_vocationalSchoolId_year_name_key" ON "VocationalClass"("vocationalSchoolId", "year", "name");

-- CreateIndex
CREATE UNIQUE INDEX "VocationalClass_vocationalSchoolId_year_code_key" ON "VocationalClass"("vocationalSchoolId", "year", "code");

-- CreateIndex
CREATE INDEX "StatusEvent_enrolmentId_idx" ON "StatusEvent"("enrolmentId");

-- CreateIndex
CREATE UNIQUE INDEX "TeachingPlan_vocationalSchoolId_year_version_key" ON "TeachingPlan"("vocationalSchoolId", "year", "version");

-- CreateIndex
CREATE UNIQUE INDEX "CountyImplementationPlan_countyId_year_version_key" ON "CountyImplementationPlan"("countyId", "year", "version");

-- CreateIndex
CREATE INDEX "AnnualReport_year_idx" ON "AnnualReport"("year");

-- CreateIndex
CREATE UNIQUE INDEX "RosterSubmission_vocationalSchoolId_year_version_key" ON "RosterSubmission"("vocationalSchoolId", "year", "version");

-- CreateIndex
CREATE UNIQUE INDEX "RosterRelease_submissionId_countyId_key" ON "RosterRelease"("submissionId", "countyId");

-- CreateIndex
CREATE UNIQUE INDEX "RosterCheck_submissionId_enrolmentId_key" ON "RosterCheck"("submissionId", "enrolmentId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_action_idx" ON "AuditLog"("action");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- AddForeignKey
ALTER TABLE "County" ADD CONSTRAINT "County_prefectureId_fkey" FOREIGN KEY ("prefectureId") REFERENCES "Prefecture"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MiddleSchool" ADD CONSTRAINT "MiddleSchool_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VocationalSchool" ADD CONSTRAINT "VocationalSchool_prefectureId_fkey" FOREIGN KEY ("prefectureId") REFERENCES "Prefecture"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VocationalSchool" ADD CONSTRAINT "VocationalSchool_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_prefectureId_fkey" FOREIGN KEY ("prefectureId") REFERENCES "Prefecture"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_middleSchoolId_fkey" FOREIGN KEY ("middleSchoolId") REFERENCES "MiddleSchool"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_vocationalSchoolId_fkey" FOREIGN KEY ("vocationalSchoolId") REFERENCES "VocationalSchool"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanVersion" ADD CONSTRAINT "PlanVersion_planId_fkey" FOREIGN KEY ("planId") REFERENCES "QuotaPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountyQuota" ADD CONSTRAINT "CountyQuota_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PlanVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountyQuota" ADD CONSTRAINT "CountyQuota_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VocationalQuota" ADD CONSTRAINT "VocationalQuota_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PlanVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VocationalQuota" ADD CONSTRAINT "VocationalQuota_vocationalSchoolId_fkey" FOREIGN KEY ("vocationalSchoolId") REFERENCES "VocationalSchool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MiddleSchoolAllocation" ADD CONSTRAINT "MiddleSchoolAllocation_planId_fkey" FOREIGN KEY ("planId") REFERENCES "QuotaPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MiddleSchoolAllocation" ADD CONSTRAINT "MiddleSchoolAllocation_middleSchoolId_fkey" FOREIGN KEY ("middleSchoolId") REFERENCES "MiddleSchool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhaseOverride" ADD CONSTRAINT "PhaseOverride_year_fkey" FOREIGN KEY ("year") REFERENCES "YearCalendar"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_middleSchoolId_fkey" FOREIGN KEY ("middleSchoolId") REFERENCES "MiddleSchool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_vocationalSchoolId_fkey" FOREIGN KEY ("vocationalSchoolId") REFERENCES "VocationalSchool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_consentDocumentId_fkey" FOREIGN KEY ("consentDocumentId") REFERENCES "Document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolChoiceChange" ADD CONSTRAINT "SchoolChoiceChange_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_middleSchoolId_fkey" FOREIGN KEY ("middleSchoolId") REFERENCES "MiddleSchool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_vocationalSchoolId_fkey" FOREIGN KEY ("vocationalSchoolId") REFERENCES "VocationalSchool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_classId_fkey" FOREIGN KEY ("classId") REFERENCES "VocationalClass"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VocationalClass" ADD CONSTRAINT "VocationalClass_vocationalSchoolId_fkey" FOREIGN KEY ("vocationalSchoolId") REFERENCES "VocationalSchool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusEvent" ADD CONSTRAINT "StatusEvent_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusEvent" ADD CONSTRAINT "StatusEvent_proofDocumentId_fkey" FOREIGN KEY ("proofDocumentId") REFERENCES "Document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_middleSchoolId_fkey" FOREIGN KEY ("middleSchoolId") REFERENCES "MiddleSchool"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_vocationalSchoolId_fkey" FOREIGN KEY ("vocationalSchoolId") REFERENCES "VocationalSchool"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentBlob" ADD CONSTRAINT "DocumentBlob_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeachingPlan" ADD CONSTRAINT "TeachingPlan_vocationalSchoolId_fkey" FOREIGN KEY ("vocationalSchoolId") REFERENCES "VocationalSchool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountyImplementationPlan" ADD CONSTRAINT "CountyImplementationPlan_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RosterSubmission" ADD CONSTRAINT "RosterSubmission_vocationalSchoolId_fkey" FOREIGN KEY ("vocationalSchoolId") REFERENCES "VocationalSchool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RosterRelease" ADD CONSTRAINT "RosterRelease_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "RosterSubmission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RosterRelease" ADD CONSTRAINT "RosterRelease_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RosterCheck" ADD CONSTRAINT "RosterCheck_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "RosterSubmission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RosterCheck" ADD CONSTRAINT "RosterCheck_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RosterCheck" ADD CONSTRAINT "RosterCheck_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ───── Constraints Prisma's schema language cannot express ─────

-- One live application per person and year (SPEC §5). Withdrawn and rejected ones do not count.
CREATE UNIQUE INDEX "Application_live_idNumber_year_key" ON "Application" ("year", "idNumber")
  WHERE "status" NOT IN ('WITHDRAWN', 'REJECTED');

ALTER TABLE "Application" ADD CONSTRAINT "Application_idNumber_format"
  CHECK ("idNumber" ~ '^[0-9]{17}[0-9X]$');
ALTER TABLE "Application" ADD CONSTRAINT "Application_studentNumber_format"
  CHECK ("studentNumber" ~ '^[0-9]{14}$');
ALTER TABLE "Application" ADD CONSTRAINT "Application_approved_needs_consent"
  CHECK ("status" NOT IN ('APPROVED', 'SENT_OFF') OR ("studentSigned" AND "guardianSigned" AND "consentDocumentId" IS NOT NULL AND "reviewDecision" = true));

ALTER TABLE "CountyQuota" ADD CONSTRAINT "CountyQuota_nonnegative"
  CHECK ("cohortBase" >= 0 AND "sendOffCap" >= 0 AND "shanghaiTask" >= 0);
ALTER TABLE "CountyQuota" ADD CONSTRAINT "CountyQuota_cap_30pct"
  CHECK ("sendOffCap" * 10 <= "cohortBase" * 3 OR "sendOffCap" = 0);
ALTER TABLE "VocationalQuota" ADD CONSTRAINT "VocationalQuota_nonnegative"
  CHECK ("enrolCap" >= 0 AND "shanghaiTask" >= 0);
ALTER TABLE "MiddleSchoolAllocation" ADD CONSTRAINT "MiddleSchoolAllocation_nonnegative"
  CHECK ("allocation" >= 0);
ALTER TABLE "VocationalClass" ADD CONSTRAINT "VocationalClass_size_positive"
  CHECK ("sizeLimit" > 0);
ALTER TABLE "PhaseOverride" ADD CONSTRAINT "PhaseOverride_ordered" CHECK ("start" <= "end");

-- A user belongs to exactly the organisation its role names.
ALTER TABLE "User" ADD CONSTRAINT "User_org_matches_role" CHECK (
  ("role" = 'PREFECTURE' AND "prefectureId" IS NOT NULL AND "countyId" IS NULL AND "middleSchoolId" IS NULL AND "vocationalSchoolId" IS NULL) OR
  ("role" = 'COUNTY' AND "countyId" IS NOT NULL AND "prefectureId" IS NULL AND "middleSchoolId" IS NULL AND "vocationalSchoolId" IS NULL) OR
  ("role" = 'MIDDLE_SCHOOL' AND "middleSchoolId" IS NOT NULL AND "prefectureId" IS NULL AND "countyId" IS NULL AND "vocationalSchoolId" IS NULL) OR
  ("role" = 'VOCATIONAL_SCHOOL' AND "vocationalSchoolId" IS NOT NULL AND "prefectureId" IS NULL AND "countyId" IS NULL AND "middleSchoolId" IS NULL)
);

-- Only one issued plan version per plan at a time.
CREATE UNIQUE INDEX "PlanVersion_one_issued" ON "PlanVersion" ("planId") WHERE "status" = 'ISSUED';

-- The audit log is append-only: updates and deletes are silently discarded by rules
-- (a trigger function would need a dollar-quoted body, which the driver-adapter migrator splits).
CREATE RULE "AuditLog_no_update" AS ON UPDATE TO "AuditLog" DO INSTEAD NOTHING;
CREATE RULE "AuditLog_no_delete" AS ON DELETE TO "AuditLog" DO INSTEAD NOTHING;
