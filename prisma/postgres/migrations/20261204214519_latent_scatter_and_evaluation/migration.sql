-- CreateTable
CREATE TABLE "LatentScatter" (
    "runId" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "points" BYTEA NOT NULL,
    "labels" BYTEA NOT NULL,
    "projection" JSONB NOT NULL,

    CONSTRAINT "LatentScatter_pkey" PRIMARY KEY ("runId","epoch")
);

-- CreateTable
CREATE TABLE "RunEvaluation" (
    "runId" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "row" JSONB NOT NULL,
    "notes" JSONB NOT NULL,
    "seconds" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunEvaluation_pkey" PRIMARY KEY ("runId")
);

-- AddForeignKey
ALTER TABLE "LatentScatter" ADD CONSTRAINT "LatentScatter_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunEvaluation" ADD CONSTRAINT "RunEvaluation_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
