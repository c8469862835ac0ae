import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { cancelImportJob } from "@/lib/imports/import-jobs";

/** Asks a queued or running import to stop; it ends "cancelled" and writes nothing. */
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    const { id } = await params;
    return Response.json({ job: await cancelImportJob({ actor: user, id }) });
  } catch (e) {
    return errorResponse(e);
  }
}
