import { z } from "zod";
import { getSession } from "@/lib/auth/session";
import { AppError, validationError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { getLoadTestRun } from "@/lib/loadtests/get-load-test-run";
import { capacityQuerySchema } from "@/lib/loadtests/schema";
import { TOOL_NAMES } from "@/lib/loadtests/types";
import { estimateCapacity } from "@/lib/loadtests/analysis/capacity";
import { RUN_CHART_KINDS, runCharts, type RunChartKind } from "@/lib/charts/load-test-charts";
import { isEmptyChart } from "@/lib/charts/spec";
import { renderChartPng } from "@/lib/charts/render-png";
import { chartImageQuerySchema, searchParamsObject } from "@/lib/charts/image-query";
import { isValidTimeZone } from "@/lib/time/zones";

export const dynamic = "force-dynamic";

/** The run page's charts by the name in the URL: `/charts/latency.png`. */
const CHART_FILE = new RegExp(`^(${RUN_CHART_KINDS.join("|")})\\.png$`);

const pngQuerySchema = capacityQuerySchema.extend(chartImageQuerySchema.shape).extend({
  tz: z.string().max(64).refine(isValidTimeZone, "Unknown time zone.").default("UTC"),
});

/**
 * GET /api/v1/load-tests/{id}/charts/{throughput|latency|users}.png?theme=&tz=&width=&height=&scale=&sloMs=&maxErrorPct=
 * — a chart of the run page as a PNG, drawn from the same spec and Chart.js configuration; sloMs
 * and maxErrorPct place the SLO line and the sustained window as the page does.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; chart: string }> }) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    const { id, chart } = await params;
    const kind = CHART_FILE.exec(chart)?.[1] as RunChartKind | undefined;
    if (!kind) throw new AppError("NOT_FOUND", "No such chart: use throughput.png, latency.png or users.png.");
    const query = pngQuerySchema.safeParse(searchParamsObject(request.url));
    if (!query.success) throw validationError(query.error.issues);
    const { theme, tz, width, height, scale, sloMs, maxErrorPct } = query.data;

    const run = await getLoadTestRun({ actor: user, id });
    // The same annotations as the run page: its capacity window and SLO line.
    const estimate = estimateCapacity(
      {
        series: run.series,
        bucketSeconds: run.bucketSeconds,
        loadProfile: run.loadProfile,
        total: run.total,
        toolName: TOOL_NAMES[run.tool] ?? run.tool,
      },
      { sloMs, maxErrorPct },
    );
    const spec = runCharts(run, estimate, { timeZone: tz, sloMs }).find((c) => c.kind === kind)?.spec;
    if (!spec || isEmptyChart(spec)) throw new AppError("NOT_FOUND", "This run has no figures over time for that chart.");

    const png = await renderChartPng(spec, { width, height, theme, scale });
    return new Response(new Uint8Array(png), {
      headers: {
        "Content-Type": "image/png",
        "Content-Disposition": `inline; filename="${kind}-${run.id}.png"`,
        "Cache-Control": "private, max-age=60",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
