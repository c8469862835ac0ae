import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { listAuditLog } from "@/lib/audit/list-audit-log";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/audit?actor=&action=&entityType=&incident=&from=&to=&q=&tz=&limit=&cursor= — the audit
 * log, newest first, for admins (a token needs the admin scope). Pass `nextCursor` back as `cursor`
 * for the next page; it is null on the last one.
 */
export async function GET(request: Request) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const page = await listAuditLog({ actor: user, query });
    return Response.json({ entries: page.entries, nextCursor: page.nextCursor, timeZone: page.timeZone });
  } catch (e) {
    return errorResponse(e);
  }
}
