import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { searchParamsObject } from "@/lib/charts/image-query";
import { exportUptimeReport } from "@/lib/uptime/export-uptime";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/uptime/report?from=YYYY-MM-DD&to=YYYY-MM-DD&targetPct=99.9&tz=ZONE&serviceId=&monitors=id,id&format=json|md|csv
 * — the uptime report for whole days in `tz` against a target: JSON by default, Markdown and CSV as
 * downloads.
 */
export async function GET(request: Request) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    const query = searchParamsObject(request.url);
    const file = await exportUptimeReport({ actor: user, query: { ...query, format: query.format ?? "json" } });
    const headers = new Headers({
      "Content-Type": file.contentType,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    });
    if (!file.contentType.startsWith("application/json"))
      headers.set("Content-Disposition", `attachment; filename="${file.fileName}"`);
    return new Response(file.body, { headers });
  } catch (e) {
    return errorResponse(e);
  }
}
