
-- CreateIndex
CREATE INDEX "Enrolment_classId_idx" ON "Enrolment"("classId");

