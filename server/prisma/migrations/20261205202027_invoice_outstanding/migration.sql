-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "outstanding" DECIMAL(18,2);
