-- AlterTable
ALTER TABLE "Checkpoint" ADD COLUMN "optimizerMoments" BLOB;
ALTER TABLE "Checkpoint" ADD COLUMN "optimizerStep" INTEGER;
