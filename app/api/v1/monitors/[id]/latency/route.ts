import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { searchParamsObject } from "@/lib/charts/image-query";
import { monitorLatencyChart } from "@/lib/uptime/latency-chart";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/monitors/{id}/latency?from=&to=&points=&tz= — the response-time chart for a window
 * (epoch ms; the whole data span without one), downsampled to about `points` points with extremes
 * kept: { spec, status, fullRange }. The page calls it when a reader zooms.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    const { id } = await params;
    const chart = await monitorLatencyChart({ actor: user, monitorId: id, query: searchParamsObject(request.url) });
    return Response.json(chart, { headers: { "Cache-Control": "private, no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}
