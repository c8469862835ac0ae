import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { incidentNumberParam } from "@/lib/transport/route-params";
import { searchParamsObject } from "@/lib/charts/image-query";
import { exportIncident } from "@/lib/exports/export-incident";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/incidents/{number}/export?format=md|zip|html|json&template=<key>&tz=incident|utc — the
 * postmortem as a download, rendered with the pinned template unless another is named.
 */
export async function GET(request: Request, { params }: { params: Promise<{ number: string }> }) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    const number = incidentNumberParam((await params).number);
    const query = searchParamsObject(request.url);
    const file = await exportIncident({ actor: user, incidentNumber: number, query, appUrl: new URL(request.url).origin });
    // `inline=1` opens the HTML preview in the browser instead of downloading it.
    const disposition = query.inline === "1" && file.contentType.startsWith("text/html") ? "inline" : "attachment";
    return new Response(new Uint8Array(file.body), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `${disposition}; filename="${file.fileName}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        // An exported HTML file opened from here must not run anything.
        "Content-Security-Policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
