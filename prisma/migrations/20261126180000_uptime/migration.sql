-- CreateEnum
CREATE TYPE "MonitorKind" AS ENUM ('http', 'jsonrpc', 'websocket', 'tcp', 'dns', 'other');

-- CreateEnum
CREATE TYPE "UptimeStatus" AS ENUM ('up', 'down', 'degraded', 'maintenance');

-- CreateTable
CREATE TABLE "Monitor" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "target" TEXT NOT NULL DEFAULT '',
    "kind" "MonitorKind" NOT NULL DEFAULT 'http',
    "serviceId" TEXT,
    "sloTargetPct" DOUBLE PRECISION NOT NULL DEFAULT 99.9,
    "source" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "checkIntervalSec" INTEGER,
    "gapRule" TEXT NOT NULL DEFAULT 'unknown',
    "minDowntimeSec" INTEGER NOT NULL DEFAULT 0,
    "reported" JSONB NOT NULL DEFAULT '[]',
    "dataStart" TIMESTAMPTZ(3),
    "dataEnd" TIMESTAMPTZ(3),
    "sampleCount" INTEGER NOT NULL DEFAULT 0,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Monitor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UptimeSample" (
    "monitorId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "status" "UptimeStatus" NOT NULL,
    "latencyMs" DOUBLE PRECISION,
    "code" INTEGER,
    "message" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "UptimeSample_pkey" PRIMARY KEY ("monitorId","at")
);

-- CreateTable
CREATE TABLE "MaintenanceWindow" (
    "id" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MaintenanceWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportedOutage" (
    "id" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT NOT NULL DEFAULT '',
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "impact" TEXT NOT NULL DEFAULT '',
    "updates" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "ReportedOutage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentMonitor" (
    "incidentId" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "windowStart" TIMESTAMPTZ(3),
    "windowEnd" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentMonitor_pkey" PRIMARY KEY ("incidentId","monitorId")
);

-- CreateIndex
CREATE INDEX "Monitor_serviceId_idx" ON "Monitor"("serviceId");

-- CreateIndex
CREATE UNIQUE INDEX "Monitor_source_sourceKey_key" ON "Monitor"("source", "sourceKey");

-- CreateIndex
CREATE INDEX "MaintenanceWindow_monitorId_startsAt_idx" ON "MaintenanceWindow"("monitorId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReportedOutage_monitorId_source_reference_key" ON "ReportedOutage"("monitorId", "source", "reference");

-- CreateIndex
CREATE INDEX "IncidentMonitor_monitorId_idx" ON "IncidentMonitor"("monitorId");

-- AddForeignKey
ALTER TABLE "Monitor" ADD CONSTRAINT "Monitor_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UptimeSample" ADD CONSTRAINT "UptimeSample_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceWindow" ADD CONSTRAINT "MaintenanceWindow_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportedOutage" ADD CONSTRAINT "ReportedOutage_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentMonitor" ADD CONSTRAINT "IncidentMonitor_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentMonitor" ADD CONSTRAINT "IncidentMonitor_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

