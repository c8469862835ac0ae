import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { createAttachment } from "@/lib/attachments/create-attachment";

// The raw image is the request body (streamed, never buffered by a proxy or server action limit).
export async function POST(request: Request, { params }: { params: Promise<{ number: string }> }) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    const { number } = await params;
    const length = request.headers.get("content-length");
    const attachment = await createAttachment({
      actor: user,
      input: {
        incidentNumber: Number(number),
        fileName: decodeFileName(request.headers.get("x-file-name")),
        declaredSize: length ? Number(length) : null,
        body: request.body,
      },
    });
    return Response.json(attachment, { status: 201 });
  } catch (e) {
    return errorResponse(e);
  }
}

/** The browser sends the name URI-encoded; a malformed one just loses its name, not the upload. */
function decodeFileName(header: string | null): string {
  try {
    return decodeURIComponent(header ?? "");
  } catch {
    return "";
  }
}
