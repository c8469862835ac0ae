import { AppError, HTTP_STATUS, toAppError } from "@/lib/errors";

/** The one error envelope of route handlers; unexpected errors are logged and stay generic. */
export function errorResponse(e: unknown): Response {
  const error = toAppError(e);
  if (!(e instanceof AppError)) console.error(e);
  return Response.json(
    { error: { code: error.code, message: error.message, fields: error.fields } },
    { status: HTTP_STATUS[error.code], headers: { "X-Content-Type-Options": "nosniff" } },
  );
}
