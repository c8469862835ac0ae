/**
 * Every metric chart of an incident as a PNG file, drawn from the same spec as the page: what
 * exports put next to the Markdown (`charts/<file>.png`) so the document shows the same charts.
 */
import { db } from "@/lib/db";
import { fileNameSlug } from "@/lib/text/slug";
import type { Actor } from "@/lib/auth/actor";
import { renderChartPng, type ChartPngOptions } from "@/lib/charts/render-png";
import { describeChart } from "@/lib/charts/describe";
import { listIncidentMetricCharts } from "@/lib/metrics/load-incident-metrics";
import { incidentChartsData } from "@/lib/metrics/metric-chart-data";

export type MetricChartImage = {
  chartId: string;
  title: string;
  /** "01-api-latency.png": ordered like the page, safe in a zip and a URL. */
  fileName: string;
  /** Text alternative for the image (alt text in Markdown). */
  description: string;
  png: Buffer;
};

export function chartFileName(position: number, title: string): string {
  return `${String(position + 1).padStart(2, "0")}-${fileNameSlug(title, 60) || "chart"}.png`;
}

export async function renderIncidentChartImages({
  actor,
  incidentNumber,
  tz = "incident",
  image = {},
}: {
  actor: Actor;
  incidentNumber: number;
  tz?: "incident" | "utc";
  image?: ChartPngOptions;
}): Promise<MetricChartImage[]> {
  const { charts } = await listIncidentMetricCharts({ actor, incidentNumber });
  const data = await incidentChartsData(
    db(),
    actor,
    charts.map((c) => c.id),
    tz,
  );
  const images: MetricChartImage[] = [];
  for (const [i, chart] of charts.entries()) {
    const d = data.get(chart.id);
    if (!d) continue;
    images.push({
      chartId: chart.id,
      title: chart.title,
      fileName: chartFileName(i, chart.title),
      description: describeChart(d.spec),
      png: await renderChartPng(d.spec, image),
    });
  }
  return images;
}
