import { AppError, HTTP_STATUS, toAppError } from "@/lib/errors";

/** A rate-limited error carries `details.retryAfterSeconds`; clients read it from `Retry-After`. */
function retryAfter(error: AppError): string | undefined {
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return error.code === "RATE_LIMITED" && typeof seconds === "number" ? String(Math.max(1, Math.ceil(seconds))) : undefined;
}

/** The one error envelope of route handlers; unexpected errors are logged and stay generic. */
export function errorResponse(e: unknown): Response {
  const error = toAppError(e);
  if (!(e instanceof AppError)) console.error(e);
  const headers: Record<string, string> = { "X-Content-Type-Options": "nosniff" };
  const wait = retryAfter(error);
  if (wait) headers["Retry-After"] = wait;
  return Response.json(
    { error: { code: error.code, message: error.message, fields: error.fields } },
    { status: HTTP_STATUS[error.code], headers },
  );
}
