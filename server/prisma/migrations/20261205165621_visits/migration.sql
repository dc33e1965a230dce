-- CreateEnum
CREATE TYPE "ActionItemStatus" AS ENUM ('OPEN', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "GuardrailKind" AS ENUM ('COMMITMENT', 'OTHER_CUSTOMER', 'NEGATIVE_ABOUT_US');

-- CreateEnum
CREATE TYPE "VisitTextSource" AS ENUM ('NOTES', 'FOLLOW_UP');

-- CreateEnum
CREATE TYPE "VisitReportEmailStatus" AS ENUM ('NOT_CONFIGURED', 'QUEUED', 'SENT', 'FAILED');

-- AlterEnum
BEGIN;
CREATE TYPE "VisitPurpose_new" AS ENUM ('INTRODUCTION', 'PROBLEM_SOLVING', 'CREDIT_TERMS_REVIEW', 'COLLECTION');
ALTER TABLE "Visit" ALTER COLUMN "purpose" TYPE "VisitPurpose_new" USING ("purpose"::text::"VisitPurpose_new");
ALTER TYPE "VisitPurpose" RENAME TO "VisitPurpose_old";
ALTER TYPE "VisitPurpose_new" RENAME TO "VisitPurpose";
DROP TYPE "public"."VisitPurpose_old";
COMMIT;

-- AlterEnum
BEGIN;
CREATE TYPE "VisitStatus_new" AS ENUM ('PLANNED', 'BRIEFED', 'HELD', 'FOLLOWED_UP', 'CANCELLED');
ALTER TABLE "public"."Visit" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Visit" ALTER COLUMN "status" TYPE "VisitStatus_new" USING ("status"::text::"VisitStatus_new");
ALTER TYPE "VisitStatus" RENAME TO "VisitStatus_old";
ALTER TYPE "VisitStatus_new" RENAME TO "VisitStatus";
DROP TYPE "public"."VisitStatus_old";
ALTER TABLE "Visit" ALTER COLUMN "status" SET DEFAULT 'PLANNED';
COMMIT;

-- DropIndex
DROP INDEX "Visit_accountId_plannedAt_idx";

-- AlterTable
ALTER TABLE "Signal" ADD COLUMN     "visitId" TEXT,
ADD COLUMN     "visitNoteId" TEXT;

-- AlterTable
ALTER TABLE "Visit" DROP COLUMN "actionItems",
DROP COLUMN "agenda",
DROP COLUMN "attendees",
DROP COLUMN "followUpDraft",
DROP COLUMN "notes",
DROP COLUMN "plannedAt",
DROP COLUMN "report",
ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "decisions" TEXT,
ADD COLUMN     "followUpBody" TEXT,
ADD COLUMN     "followUpDraftedAt" TIMESTAMP(3),
ADD COLUMN     "followUpSubject" TEXT,
ADD COLUMN     "followedUpAt" TIMESTAMP(3),
ADD COLUMN     "followedUpById" TEXT,
ADD COLUMN     "goals" TEXT NOT NULL,
ADD COLUMN     "heldAt" TIMESTAMP(3),
ADD COLUMN     "place" TEXT,
ADD COLUMN     "preMeetingNote" TEXT,
ADD COLUMN     "preMeetingNoteAt" TIMESTAMP(3),
ADD COLUMN     "preMeetingNoteById" TEXT,
ADD COLUMN     "scheduledAt" TIMESTAMP(3) NOT NULL;

-- CreateTable
CREATE TABLE "VisitAttendee" (
    "visitId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "VisitAttendee_pkey" PRIMARY KEY ("visitId","userId")
);

-- CreateTable
CREATE TABLE "VisitContact" (
    "visitId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,

    CONSTRAINT "VisitContact_pkey" PRIMARY KEY ("visitId","contactId")
);

-- CreateTable
CREATE TABLE "VisitNote" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "takenAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitBriefing" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "preparedById" TEXT,
    "preparedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "full" JSONB NOT NULL,
    "sales" JSONB NOT NULL,

    CONSTRAINT "VisitBriefing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "visitId" TEXT,
    "title" TEXT NOT NULL,
    "ownerUserId" TEXT,
    "ownerContactId" TEXT,
    "dueOn" DATE NOT NULL,
    "status" "ActionItemStatus" NOT NULL DEFAULT 'OPEN',
    "createdById" TEXT,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitGuardrailAck" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "source" "VisitTextSource" NOT NULL,
    "kind" "GuardrailKind" NOT NULL,
    "excerpt" TEXT NOT NULL,
    "acknowledgedById" TEXT,
    "acknowledgedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitGuardrailAck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitReport" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "sentById" TEXT,
    "recipients" TEXT[],
    "groups" TEXT[],
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "emailStatus" "VisitReportEmailStatus" NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "messageId" TEXT,
    "emailedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DistributionList" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "addresses" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DistributionList_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VisitAttendee_userId_idx" ON "VisitAttendee"("userId");

-- CreateIndex
CREATE INDEX "VisitContact_contactId_idx" ON "VisitContact"("contactId");

-- CreateIndex
CREATE UNIQUE INDEX "VisitNote_idempotencyKey_key" ON "VisitNote"("idempotencyKey");

-- CreateIndex
CREATE INDEX "VisitNote_visitId_takenAt_idx" ON "VisitNote"("visitId", "takenAt");

-- CreateIndex
CREATE INDEX "VisitBriefing_visitId_preparedAt_idx" ON "VisitBriefing"("visitId", "preparedAt" DESC);

-- CreateIndex
CREATE INDEX "ActionItem_accountId_status_dueOn_idx" ON "ActionItem"("accountId", "status", "dueOn");

-- CreateIndex
CREATE INDEX "ActionItem_ownerUserId_status_dueOn_idx" ON "ActionItem"("ownerUserId", "status", "dueOn");

-- CreateIndex
CREATE INDEX "ActionItem_visitId_idx" ON "ActionItem"("visitId");

-- CreateIndex
CREATE UNIQUE INDEX "VisitGuardrailAck_visitId_source_kind_excerpt_key" ON "VisitGuardrailAck"("visitId", "source", "kind", "excerpt");

-- CreateIndex
CREATE INDEX "VisitReport_visitId_createdAt_idx" ON "VisitReport"("visitId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "VisitReport_emailStatus_idx" ON "VisitReport"("emailStatus");

-- CreateIndex
CREATE UNIQUE INDEX "DistributionList_name_key" ON "DistributionList"("name");

-- CreateIndex
CREATE INDEX "Signal_visitId_idx" ON "Signal"("visitId");

-- CreateIndex
CREATE INDEX "Visit_accountId_scheduledAt_idx" ON "Visit"("accountId", "scheduledAt");

-- CreateIndex
CREATE INDEX "Visit_status_scheduledAt_idx" ON "Visit"("status", "scheduledAt");

-- AddForeignKey
ALTER TABLE "Signal" ADD CONSTRAINT "Signal_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signal" ADD CONSTRAINT "Signal_visitNoteId_fkey" FOREIGN KEY ("visitNoteId") REFERENCES "VisitNote"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitAttendee" ADD CONSTRAINT "VisitAttendee_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitAttendee" ADD CONSTRAINT "VisitAttendee_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitContact" ADD CONSTRAINT "VisitContact_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitContact" ADD CONSTRAINT "VisitContact_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitNote" ADD CONSTRAINT "VisitNote_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitNote" ADD CONSTRAINT "VisitNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitBriefing" ADD CONSTRAINT "VisitBriefing_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitBriefing" ADD CONSTRAINT "VisitBriefing_preparedById_fkey" FOREIGN KEY ("preparedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_ownerContactId_fkey" FOREIGN KEY ("ownerContactId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitGuardrailAck" ADD CONSTRAINT "VisitGuardrailAck_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitGuardrailAck" ADD CONSTRAINT "VisitGuardrailAck_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitReport" ADD CONSTRAINT "VisitReport_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitReport" ADD CONSTRAINT "VisitReport_sentById_fkey" FOREIGN KEY ("sentById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
