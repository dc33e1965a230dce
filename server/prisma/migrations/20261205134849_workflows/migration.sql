-- CreateEnum
CREATE TYPE "HealthCheckOutcome" AS ENUM ('OK', 'FOLLOW_UP', 'ESCALATE');

-- CreateEnum
CREATE TYPE "DisputeKind" AS ENUM ('DISPUTE', 'DELIVERY_PROBLEM');

-- CreateEnum
CREATE TYPE "DisputeStatus" AS ENUM ('OPEN', 'RESOLVED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CollectionStatus" AS ENUM ('REMINDERS', 'EXTERNAL');

-- AlterEnum
ALTER TYPE "AlertRule" ADD VALUE 'CONTACT_CADENCE';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "IntelRequestStatus" ADD VALUE 'DECLINED';
ALTER TYPE "IntelRequestStatus" ADD VALUE 'EXPIRED';

-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "collectionNote" TEXT,
ADD COLUMN     "collectionSince" TIMESTAMP(3),
ADD COLUMN     "collectionStatus" "CollectionStatus",
ADD COLUMN     "keyAccount" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "preferredChannel" "ContactChannel",
ADD COLUMN     "preferredTone" "ContactTone";

-- AlterTable
ALTER TABLE "HealthCheck" ADD COLUMN     "bankDetailsNote" TEXT,
ADD COLUMN     "completedById" TEXT,
ADD COLUMN     "evidence" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "holdReason" TEXT,
ADD COLUMN     "newCreditLimit" DECIMAL(18,2),
ADD COLUMN     "nextReviewAt" TIMESTAMP(3),
ADD COLUMN     "outcomeNote" TEXT,
ADD COLUMN     "paymentPatternNote" TEXT,
ADD COLUMN     "plannedMonth" TEXT,
ADD COLUMN     "purchasesNote" TEXT,
ADD COLUMN     "putOnHold" BOOLEAN,
ADD COLUMN     "salesViewAt" TIMESTAMP(3),
ADD COLUMN     "salesViewById" TEXT,
ADD COLUMN     "scoreAfter" INTEGER,
ADD COLUMN     "scoreBefore" INTEGER,
ADD COLUMN     "startedAt" TIMESTAMP(3),
DROP COLUMN "outcome",
ADD COLUMN     "outcome" "HealthCheckOutcome";

-- AlterTable
ALTER TABLE "IntelRequest" ADD COLUMN     "answeredById" TEXT,
ADD COLUMN     "answers" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "declinedReason" TEXT,
ADD COLUMN     "healthCheckId" TEXT,
ADD COLUMN     "remindedAt" TIMESTAMP(3),
ADD COLUMN     "reminderCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Signal" ADD COLUMN     "healthCheckId" TEXT,
ADD COLUMN     "intelRequestId" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "reviewCapacity" INTEGER;

-- CreateTable
CREATE TABLE "Dispute" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "kind" "DisputeKind" NOT NULL,
    "reason" TEXT NOT NULL,
    "ownerTeam" TEXT NOT NULL,
    "ownerId" TEXT,
    "amount" DECIMAL(18,2),
    "currency" CHAR(3) NOT NULL,
    "status" "DisputeStatus" NOT NULL DEFAULT 'OPEN',
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expectedBy" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "resolution" TEXT,
    "openedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dispute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisputeInvoice" (
    "disputeId" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,

    CONSTRAINT "DisputeInvoice_pkey" PRIMARY KEY ("disputeId","invoiceId")
);

-- CreateTable
CREATE TABLE "ReviewPolicy" (
    "riskLevel" "RiskLevel" NOT NULL,
    "intervalDays" INTEGER NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewPolicy_pkey" PRIMARY KEY ("riskLevel")
);

-- CreateTable
CREATE TABLE "WorkspaceSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkspaceSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ExchangeRate" (
    "base" CHAR(3) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "rate" DECIMAL(20,10) NOT NULL,
    "asOf" DATE NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExchangeRate_pkey" PRIMARY KEY ("base","currency")
);

-- CreateIndex
CREATE INDEX "Dispute_accountId_status_idx" ON "Dispute"("accountId", "status");

-- CreateIndex
CREATE INDEX "Dispute_status_openedAt_idx" ON "Dispute"("status", "openedAt");

-- CreateIndex
CREATE INDEX "DisputeInvoice_invoiceId_idx" ON "DisputeInvoice"("invoiceId");

-- CreateIndex
CREATE INDEX "HealthCheck_reviewerId_status_idx" ON "HealthCheck"("reviewerId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "HealthCheck_accountId_plannedMonth_key" ON "HealthCheck"("accountId", "plannedMonth");

-- CreateIndex
CREATE INDEX "IntelRequest_accountId_status_idx" ON "IntelRequest"("accountId", "status");

-- CreateIndex
CREATE INDEX "IntelRequest_status_dueAt_idx" ON "IntelRequest"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Signal_intelRequestId_idx" ON "Signal"("intelRequestId");

-- AddForeignKey
ALTER TABLE "Signal" ADD CONSTRAINT "Signal_intelRequestId_fkey" FOREIGN KEY ("intelRequestId") REFERENCES "IntelRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signal" ADD CONSTRAINT "Signal_healthCheckId_fkey" FOREIGN KEY ("healthCheckId") REFERENCES "HealthCheck"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntelRequest" ADD CONSTRAINT "IntelRequest_healthCheckId_fkey" FOREIGN KEY ("healthCheckId") REFERENCES "HealthCheck"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dispute" ADD CONSTRAINT "Dispute_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dispute" ADD CONSTRAINT "Dispute_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dispute" ADD CONSTRAINT "Dispute_openedById_fkey" FOREIGN KEY ("openedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisputeInvoice" ADD CONSTRAINT "DisputeInvoice_disputeId_fkey" FOREIGN KEY ("disputeId") REFERENCES "Dispute"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisputeInvoice" ADD CONSTRAINT "DisputeInvoice_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;
