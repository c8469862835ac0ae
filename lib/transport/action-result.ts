import { AppError, toAppError, type AppErrorCode, type FieldErrors } from "@/lib/errors";

/** The one envelope server actions return to forms. */
export type ActionResult<T = undefined> =
  { ok: true; data: T } | { ok: false; error: { code: AppErrorCode; message: string; fields?: FieldErrors; details?: unknown } };

export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (e) {
    // Next's redirect()/notFound() are control flow, not errors.
    if (e && typeof e === "object" && "digest" in e && String((e as { digest: unknown }).digest).startsWith("NEXT_")) throw e;
    const error = toAppError(e);
    if (!(e instanceof AppError)) console.error(e);
    // Details travel only with a stale save (both texts); other codes never leak internals.
    const details = error.code === "CONFLICT" ? error.details : undefined;
    return { ok: false, error: { code: error.code, message: error.message, fields: error.fields, details } };
  }
}
