-- DropIndex
DROP INDEX "VisitGuardrailAck_visitId_source_kind_excerpt_key";

-- AlterTable
ALTER TABLE "VisitGuardrailAck" ADD COLUMN     "context" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE UNIQUE INDEX "VisitGuardrailAck_visitId_source_kind_excerpt_context_key" ON "VisitGuardrailAck"("visitId", "source", "kind", "excerpt", "context");
