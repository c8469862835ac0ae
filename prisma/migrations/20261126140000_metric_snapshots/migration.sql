-- CreateEnum
CREATE TYPE "MetricChartKind" AS ENUM ('line', 'bar');

-- CreateTable
CREATE TABLE "MetricChart" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "MetricChartKind" NOT NULL DEFAULT 'line',
    "position" INTEGER NOT NULL,
    "caption" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MetricChart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricSeries" (
    "id" TEXT NOT NULL,
    "chartId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT '',
    "format" TEXT NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "pointCount" INTEGER NOT NULL,
    "firstAt" TIMESTAMPTZ(3),
    "lastAt" TIMESTAMPTZ(3),
    "minValue" DOUBLE PRECISION,
    "maxValue" DOUBLE PRECISION,
    "gapCount" INTEGER NOT NULL DEFAULT 0,
    "infiniteCount" INTEGER NOT NULL DEFAULT 0,
    "sha256" TEXT NOT NULL,
    "importJobId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MetricSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricSeriesChunk" (
    "seriesId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "fromMs" DOUBLE PRECISION NOT NULL,
    "toMs" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "MetricSeriesChunk_pkey" PRIMARY KEY ("seriesId","level","seq")
);

-- CreateIndex
CREATE INDEX "MetricChart_incidentId_position_idx" ON "MetricChart"("incidentId", "position");

-- CreateIndex
CREATE INDEX "MetricSeries_incidentId_idx" ON "MetricSeries"("incidentId");

-- CreateIndex
CREATE INDEX "MetricSeries_chartId_position_idx" ON "MetricSeries"("chartId", "position");

-- CreateIndex
CREATE INDEX "MetricSeriesChunk_seriesId_level_toMs_idx" ON "MetricSeriesChunk"("seriesId", "level", "toMs");

-- AddForeignKey
ALTER TABLE "MetricChart" ADD CONSTRAINT "MetricChart_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricSeries" ADD CONSTRAINT "MetricSeries_chartId_fkey" FOREIGN KEY ("chartId") REFERENCES "MetricChart"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricSeriesChunk" ADD CONSTRAINT "MetricSeriesChunk_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "MetricSeries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

