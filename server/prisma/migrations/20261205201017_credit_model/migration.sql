-- CreateEnum
CREATE TYPE "LedgerWarningKind" AS ENUM ('OVERPAYMENT', 'MISAPPLIED_PAYMENT', 'DUPLICATE_PAYMENT', 'DUPLICATE_INVOICE', 'NEW_CURRENCY', 'CREDIT_NOTE_UNMATCHED');

-- AlterEnum
ALTER TYPE "PaymentTrend" ADD VALUE 'NO_HISTORY';

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "appliesTo" TEXT;

-- CreateTable
CREATE TABLE "LedgerImport" (
    "id" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "userId" TEXT,
    "source" TEXT,
    "rows" INTEGER NOT NULL,
    "warningCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerWarning" (
    "id" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "kind" "LedgerWarningKind" NOT NULL,
    "rowKind" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "amount" DECIMAL(18,2),
    "currency" CHAR(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,

    CONSTRAINT "LedgerWarning_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LedgerImport_createdAt_idx" ON "LedgerImport"("createdAt");

-- CreateIndex
CREATE INDEX "LedgerWarning_accountId_createdAt_idx" ON "LedgerWarning"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "LedgerWarning_acknowledgedAt_createdAt_idx" ON "LedgerWarning"("acknowledgedAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerWarning_kind_rowKind_externalId_key" ON "LedgerWarning"("kind", "rowKind", "externalId");

-- AddForeignKey
ALTER TABLE "LedgerImport" ADD CONSTRAINT "LedgerImport_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerWarning" ADD CONSTRAINT "LedgerWarning_importId_fkey" FOREIGN KEY ("importId") REFERENCES "LedgerImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerWarning" ADD CONSTRAINT "LedgerWarning_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerWarning" ADD CONSTRAINT "LedgerWarning_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
