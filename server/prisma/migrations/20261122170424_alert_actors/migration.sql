-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "acknowledgedById" TEXT,
ADD COLUMN     "reopenedAt" TIMESTAMP(3),
ADD COLUMN     "resolvedById" TEXT;
