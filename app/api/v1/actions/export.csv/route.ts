import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { exportActionItemsCsv } from "@/lib/actions/export-action-items";
import { utcToday } from "@/lib/actions/overdue";

export const dynamic = "force-dynamic";

/** GET /api/v1/actions/export.csv?owner=&status=&overdue=1&service=&severity=&sort= — the list's filters, as CSV. */
export async function GET(request: Request) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const today = utcToday();
    const csv = await exportActionItemsCsv({ actor: user, query, today });
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="action-items-${today}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
