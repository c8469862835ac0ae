import { getSession } from "@/lib/auth/session";
import { HTTP_STATUS, toAppError } from "@/lib/errors";
import { exportActionItemsCsv } from "@/lib/actions/export-action-items";
import { utcToday } from "@/lib/actions/overdue";

export const dynamic = "force-dynamic";

/** GET /api/v1/actions/export.csv?owner=&status=&overdue=1&service=&severity=&sort= — the list's filters, as CSV. */
export async function GET(request: Request) {
  const user = await getSession();
  if (!user) return Response.json({ error: { code: "UNAUTHENTICATED", message: "Sign in first." } }, { status: 401 });
  const query = Object.fromEntries(new URL(request.url).searchParams);
  try {
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
    const error = toAppError(e);
    if (error.code === "INTERNAL") console.error(e);
    return Response.json({ error: { code: error.code, message: error.message } }, { status: HTTP_STATUS[error.code] });
  }
}
