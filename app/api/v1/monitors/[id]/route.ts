import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { searchParamsObject } from "@/lib/charts/image-query";
import { loadMonitorPage } from "@/lib/uptime/load-monitor-page";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/monitors/{id}?period=all|day|week|month|quarter|year|custom&from=YYYY-MM-DD&to=YYYY-MM-DD&tz=ZONE
 * — the monitor page's figures as JSON: uptime, downtime windows, MTTR/MTBF, error budget, latency,
 * the 90-day strip, months, the tool's own figures beside ours and linked incidents.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    const { id } = await params;
    return Response.json(await loadMonitorPage({ actor: user, monitorId: id, query: searchParamsObject(request.url) }));
  } catch (e) {
    return errorResponse(e);
  }
}
