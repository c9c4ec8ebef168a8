
-- CreateIndex
CREATE INDEX "Application_year_className_createdAt_id_idx" ON "Application"("year", "className", "createdAt" DESC, "id");

