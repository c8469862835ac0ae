import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { listMonitors } from "@/lib/uptime/list-monitors";

export const dynamic = "force-dynamic";

/** GET /api/v1/monitors — every monitor with its last status and 30/90-day uptime. */
export async function GET() {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    return Response.json({ monitors: await listMonitors({ actor: user }) });
  } catch (e) {
    return errorResponse(e);
  }
}
