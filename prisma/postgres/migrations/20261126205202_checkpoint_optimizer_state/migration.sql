-- AlterTable
ALTER TABLE "Checkpoint" ADD COLUMN     "optimizerMoments" BYTEA,
ADD COLUMN     "optimizerStep" INTEGER;
