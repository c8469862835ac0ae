import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { incidentNumberParam } from "@/lib/transport/route-params";
import { createPublicShare, listPublicShares } from "@/lib/exports/public-shares";

export const dynamic = "force-dynamic";

/** GET: the incident's public links (without tokens). */
export async function GET(_request: Request, { params }: { params: Promise<{ number: string }> }) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    return Response.json({
      shares: await listPublicShares({ actor: user, incidentNumber: incidentNumberParam((await params).number) }),
    });
  } catch (e) {
    return errorResponse(e);
  }
}

/** POST { template? }: a new public link; the answer carries its URL once. */
export async function POST(request: Request, { params }: { params: Promise<{ number: string }> }) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    const body = request.headers.get("content-type")?.includes("application/json") ? await request.json().catch(() => ({})) : {};
    const share = await createPublicShare({
      actor: user,
      input: { ...body, incidentNumber: incidentNumberParam((await params).number) },
    });
    const url = `${new URL(request.url).origin}/share/${share.token}`;
    return Response.json({ share: { ...share, url } }, { status: 201 });
  } catch (e) {
    return errorResponse(e);
  }
}
