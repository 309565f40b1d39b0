-- AlterTable
ALTER TABLE "Run" ADD COLUMN "clientHash" TEXT;
ALTER TABLE "Run" ADD COLUMN "queuedAt" DATETIME;
