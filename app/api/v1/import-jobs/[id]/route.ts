import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { getImportJob } from "@/lib/imports/import-jobs";

export const dynamic = "force-dynamic";

/** Progress of an import: polled by the upload page and by API clients. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    const { id } = await params;
    return Response.json({ job: await getImportJob({ actor: user, id }) }, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}
