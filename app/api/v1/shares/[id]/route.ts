import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { revokePublicShare } from "@/lib/exports/public-shares";

export const dynamic = "force-dynamic";

/** DELETE: revoke a public link; it stops working at once. */
export async function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    return Response.json(await revokePublicShare({ actor: user, input: { shareId: (await params).id } }));
  } catch (e) {
    return errorResponse(e);
  }
}
