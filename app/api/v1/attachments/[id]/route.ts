import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { getAttachmentForUser } from "@/lib/attachments/get-attachment";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    const { id } = await params;
    const a = await getAttachmentForUser({ actor: user, id });
    return new Response(new Uint8Array(a.data), {
      headers: {
        "Content-Type": a.contentType,
        "Content-Length": String(a.size),
        "Content-Disposition": `inline; filename="${a.fileName.replace(/"/g, "")}"`,
        "Content-Security-Policy": "default-src 'none'",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, max-age=3600",
        ETag: `"${a.sha256}"`,
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
