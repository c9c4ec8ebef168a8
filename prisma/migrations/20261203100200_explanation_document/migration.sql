-- Issue 14 item 1: an optional document attached to the school's below-95 % explanation (additive only).

-- AlterEnum
ALTER TYPE "DocumentKind" ADD VALUE 'RETENTION_EXPLANATION';

-- AlterTable
ALTER TABLE "RetentionExplanation" ADD COLUMN     "documentId" TEXT;

-- AddForeignKey
ALTER TABLE "RetentionExplanation" ADD CONSTRAINT "RetentionExplanation_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE SET NULL ON UPDATE CASCADE;
