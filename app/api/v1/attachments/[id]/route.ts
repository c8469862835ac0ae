import { getSession } from "@/lib/auth/session";
import { AppError, HTTP_STATUS, toAppError } from "@/lib/errors";
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
    const error = toAppError(e);
    if (!(e instanceof AppError)) console.error(e);
    return Response.json(
      { error: { code: error.code, message: error.message } },
      { status: HTTP_STATUS[error.code], headers: { "X-Content-Type-Options": "nosniff" } },
    );
  }
}
