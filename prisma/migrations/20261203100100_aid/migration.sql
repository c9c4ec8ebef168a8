-- Issue 14 item 6 (policy 七): student aid and the county subsidy to schools, amounts in fen (additive only).

-- CreateEnum
CREATE TYPE "AidKind" AS ENUM ('COMPULSORY_AID', 'LIVING', 'TRANSPORT');

-- CreateTable
CREATE TABLE "StudentAid" (
    "id" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "kind" "AidKind" NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "paidOn" TEXT NOT NULL,
    "comment" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "voidedAt" TIMESTAMP(3),
    "voidedById" TEXT,
    "voidReason" TEXT,

    CONSTRAINT "StudentAid_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchoolSubsidy" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "vocationalSchoolId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "purpose" TEXT,
    "paidOn" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "voidedAt" TIMESTAMP(3),
    "voidedById" TEXT,
    "voidReason" TEXT,

    CONSTRAINT "SchoolSubsidy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StudentAid_enrolmentId_idx" ON "StudentAid"("enrolmentId");

-- CreateIndex
CREATE INDEX "StudentAid_countyId_idx" ON "StudentAid"("countyId");

-- CreateIndex
CREATE INDEX "SchoolSubsidy_countyId_year_idx" ON "SchoolSubsidy"("countyId", "year");

-- CreateIndex
CREATE INDEX "SchoolSubsidy_vocationalSchoolId_year_idx" ON "SchoolSubsidy"("vocationalSchoolId", "year");

-- AddForeignKey
ALTER TABLE "StudentAid" ADD CONSTRAINT "StudentAid_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudentAid" ADD CONSTRAINT "StudentAid_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolSubsidy" ADD CONSTRAINT "SchoolSubsidy_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolSubsidy" ADD CONSTRAINT "SchoolSubsidy_vocationalSchoolId_fkey" FOREIGN KEY ("vocationalSchoolId") REFERENCES "VocationalSchool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Amounts are whole fen, strictly positive (a wrong payment is voided, never negative), and a void names its reason.
ALTER TABLE "StudentAid" ADD CONSTRAINT "StudentAid_amount_check" CHECK ("amountFen" > 0);
ALTER TABLE "SchoolSubsidy" ADD CONSTRAINT "SchoolSubsidy_amount_check" CHECK ("amountFen" > 0);
ALTER TABLE "StudentAid" ADD CONSTRAINT "StudentAid_void_check" CHECK ("voidedAt" IS NULL OR "voidReason" IS NOT NULL);
ALTER TABLE "SchoolSubsidy" ADD CONSTRAINT "SchoolSubsidy_void_check" CHECK ("voidedAt" IS NULL OR "voidReason" IS NOT NULL);
