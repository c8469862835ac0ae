import { getSession } from "@/lib/auth/session";
import { AppError, HTTP_STATUS, toAppError } from "@/lib/errors";
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
        fileName: decodeURIComponent(request.headers.get("x-file-name") ?? ""),
        declaredSize: length ? Number(length) : null,
        body: request.body,
      },
    });
    return Response.json(attachment, { status: 201 });
  } catch (e) {
    const error = toAppError(e);
    if (!(e instanceof AppError)) console.error(e);
    return Response.json(
      { error: { code: error.code, message: error.message, fields: error.fields } },
      { status: HTTP_STATUS[error.code] },
    );
  }
}
