-- CreateTable
CREATE TABLE "LatentScatter" (
    "runId" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "points" BLOB NOT NULL,
    "labels" BLOB NOT NULL,
    "projection" JSONB NOT NULL,

    PRIMARY KEY ("runId", "epoch"),
    CONSTRAINT "LatentScatter_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunEvaluation" (
    "runId" TEXT NOT NULL PRIMARY KEY,
    "epoch" INTEGER NOT NULL,
    "row" JSONB NOT NULL,
    "notes" JSONB NOT NULL,
    "seconds" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RunEvaluation_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
