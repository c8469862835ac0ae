"use client";

import { ZoomableChart, type ChartWindow } from "@/components/charts/zoomable-chart";
import type { ChartSpec } from "@/lib/charts/spec";

/** Points the server returns for one window. */
const CHART_POINTS = 2000;

/** A route's error envelope as one sentence. */
function responseErrorMessage(status: number, body: unknown): string {
  const message = (body as { error?: { message?: string } } | null)?.error?.message;
  if (status === 401) return "Your session has ended. Sign in again.";
  return message ?? `The server answered ${status}.`;
}

/** Response time over the period; zooming asks the server for the window's detail. */
export function ResponseTimeChart({
  monitorId,
  spec,
  status,
  fullRange,
  timeZone,
}: {
  monitorId: string;
  spec: ChartSpec;
  status: string;
  fullRange: { min: number; max: number };
  timeZone: string;
}) {
  async function loadWindow(window: ChartWindow, signal: AbortSignal) {
    const query = new URLSearchParams({
      from: String(Math.floor(window.from)),
      to: String(Math.ceil(window.to)),
      points: String(CHART_POINTS),
      tz: timeZone,
    });
    const res = await fetch(`/api/v1/monitors/${encodeURIComponent(monitorId)}/latency?${query}`, {
      signal,
      cache: "no-store",
      headers: { Accept: "application/json" },
    });
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) throw new Error(responseErrorMessage(res.status, body));
    const detail = body as { spec: ChartSpec; status: string };
    return { spec: detail.spec, status: detail.status };
  }

  return <ZoomableChart spec={spec} status={status} timeZone={timeZone} fullRange={fullRange} loadWindow={loadWindow} />;
}
