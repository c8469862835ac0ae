-- CreateEnum
CREATE TYPE "ImportKind" AS ENUM ('load_test', 'metrics', 'uptime');

-- CreateEnum
CREATE TYPE "ImportJobStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "observedLoadNote" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "observedPeakRps" DOUBLE PRECISION,
ADD COLUMN     "observedPeakUsers" INTEGER,
ADD COLUMN     "observedLoadVersion" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" TEXT NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "status" "ImportJobStatus" NOT NULL DEFAULT 'queued',
    "format" TEXT,
    "options" JSONB NOT NULL DEFAULT '{}',
    "files" JSONB NOT NULL DEFAULT '[]',
    "bytesTotal" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "bytesRead" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,
    "errorLine" INTEGER,
    "errorField" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "resultId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "heartbeatAt" TIMESTAMPTZ(3),

    CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoadTestRun" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tool" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "environment" JSONB NOT NULL DEFAULT '{}',
    "notes" TEXT NOT NULL DEFAULT '',
    "statisticsSource" TEXT NOT NULL,
    "histogramErrorPct" DOUBLE PRECISION,
    "bucketSeconds" INTEGER,
    "series" JSONB NOT NULL DEFAULT '[]',
    "loadProfile" JSONB NOT NULL DEFAULT '[]',
    "thresholds" JSONB NOT NULL DEFAULT '[]',
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "sourceFiles" JSONB NOT NULL DEFAULT '[]',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LoadTestRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoadTestLabelStat" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "isTotal" BOOLEAN NOT NULL DEFAULT false,
    "parentLabel" TEXT,
    "count" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "min" DOUBLE PRECISION,
    "mean" DOUBLE PRECISION,
    "max" DOUBLE PRECISION,
    "stddev" DOUBLE PRECISION,
    "p50" DOUBLE PRECISION,
    "p75" DOUBLE PRECISION,
    "p90" DOUBLE PRECISION,
    "p95" DOUBLE PRECISION,
    "p99" DOUBLE PRECISION,
    "p999" DOUBLE PRECISION,
    "otherPercentiles" JSONB NOT NULL DEFAULT '{}',
    "throughput" DOUBLE PRECISION,
    "receivedBytes" DOUBLE PRECISION,
    "sentBytes" DOUBLE PRECISION,
    "sources" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "LoadTestLabelStat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentLoadTestRun" (
    "incidentId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentLoadTestRun_pkey" PRIMARY KEY ("incidentId","runId")
);

-- CreateIndex
CREATE INDEX "ImportJob_createdById_createdAt_idx" ON "ImportJob"("createdById", "createdAt");

-- CreateIndex
CREATE INDEX "ImportJob_status_idx" ON "ImportJob"("status");

-- CreateIndex
CREATE INDEX "LoadTestRun_startedAt_idx" ON "LoadTestRun"("startedAt");

-- CreateIndex
CREATE INDEX "LoadTestRun_createdAt_idx" ON "LoadTestRun"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LoadTestLabelStat_runId_position_key" ON "LoadTestLabelStat"("runId", "position");

-- CreateIndex
CREATE INDEX "IncidentLoadTestRun_runId_idx" ON "IncidentLoadTestRun"("runId");

-- AddForeignKey
ALTER TABLE "ImportJob" ADD CONSTRAINT "ImportJob_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoadTestRun" ADD CONSTRAINT "LoadTestRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoadTestLabelStat" ADD CONSTRAINT "LoadTestLabelStat_runId_fkey" FOREIGN KEY ("runId") REFERENCES "LoadTestRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentLoadTestRun" ADD CONSTRAINT "IncidentLoadTestRun_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentLoadTestRun" ADD CONSTRAINT "IncidentLoadTestRun_runId_fkey" FOREIGN KEY ("runId") REFERENCES "LoadTestRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentLoadTestRun" ADD CONSTRAINT "IncidentLoadTestRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

