-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "clientHash" TEXT,
ADD COLUMN     "queuedAt" TIMESTAMP(3);
