-- AlterEnum
ALTER TYPE "CrmSystem" ADD VALUE 'ZOHO';
