import { getSession } from "@/lib/auth/session";
import { AppError, validationError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { chartImageQuerySchema, searchParamsObject } from "@/lib/charts/image-query";
import { renderChartPng } from "@/lib/charts/render-png";
import { metricChartData } from "@/lib/metrics/metric-chart-data";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/metric-charts/{id}/png?tz=incident|utc&theme=&width=&height=&scale=&from=&to= — the
 * chart as the page draws it (same spec, same Chart.js configuration), for downloads and exports.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    const { id } = await params;
    const raw = searchParamsObject(request.url);
    const image = chartImageQuerySchema.safeParse(raw);
    if (!image.success) throw validationError(image.error.issues);
    const { theme, width, height, scale } = image.data;
    const { from, to, tz } = raw;
    const data = await metricChartData({ actor: user, chartId: id, query: { from, to, tz } });
    const png = await renderChartPng(data.spec, { width, height, theme, scale });
    return new Response(new Uint8Array(png), {
      headers: {
        "Content-Type": "image/png",
        "Content-Disposition": `inline; filename="chart-${id}.png"`,
        "Cache-Control": "private, max-age=60",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
