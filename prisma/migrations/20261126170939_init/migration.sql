-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "dataset" TEXT NOT NULL,
    "ownerTokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "preset" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "backend" TEXT,
    "error" TEXT,
    "lastEpoch" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "Run_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EpochMetric" (
    "runId" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "trainLoss" REAL NOT NULL,
    "testNegElbo" REAL NOT NULL,
    "testRecon" REAL NOT NULL,
    "testKl" REAL NOT NULL,
    "seconds" REAL NOT NULL,
    "imgPerSec" REAL NOT NULL,

    PRIMARY KEY ("runId", "epoch"),
    CONSTRAINT "EpochMetric_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StepMetric" (
    "runId" TEXT NOT NULL,
    "globalStep" INTEGER NOT NULL,
    "epoch" INTEGER NOT NULL,
    "loss" REAL NOT NULL,
    "recon" REAL NOT NULL,
    "kl" REAL NOT NULL,

    PRIMARY KEY ("runId", "globalStep"),
    CONSTRAINT "StepMetric_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SampleGrid" (
    "runId" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "cols" INTEGER NOT NULL,
    "rowLabels" TEXT,
    "pixels" BLOB NOT NULL,

    PRIMARY KEY ("runId", "epoch", "kind"),
    CONSTRAINT "SampleGrid_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Checkpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "meta" JSONB NOT NULL,
    "encoderModelJson" JSONB NOT NULL,
    "encoderWeights" BLOB NOT NULL,
    "decoderModelJson" JSONB NOT NULL,
    "decoderWeights" BLOB NOT NULL,
    "decoderBytes" INTEGER NOT NULL,
    CONSTRAINT "Checkpoint_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GalleryItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "checkpointId" TEXT,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "png" BLOB NOT NULL,
    "meta" JSONB NOT NULL,
    "authorTokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GalleryItem_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GalleryItem_checkpointId_fkey" FOREIGN KEY ("checkpointId") REFERENCES "Checkpoint" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Session_createdAt_idx" ON "Session"("createdAt");

-- CreateIndex
CREATE INDEX "Run_status_createdAt_idx" ON "Run"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Run_sessionId_index_key" ON "Run"("sessionId", "index");

-- CreateIndex
CREATE UNIQUE INDEX "Checkpoint_runId_epoch_key" ON "Checkpoint"("runId", "epoch");

-- CreateIndex
CREATE INDEX "GalleryItem_sessionId_id_idx" ON "GalleryItem"("sessionId", "id");

-- CreateIndex
CREATE INDEX "GalleryItem_checkpointId_idx" ON "GalleryItem"("checkpointId");
