import { AppError } from "@/lib/errors";

/**
 * A save carried a version that is no longer current: refuse it and hand back both texts, so the
 * person can merge instead of silently overwriting a colleague.
 */
export function staleSaveError<T>(current: T, yours: unknown): AppError {
  return new AppError(
    "CONFLICT",
    "Someone else saved this while you were editing. Your text and theirs are both shown; nothing was lost.",
    undefined,
    { current, yours },
  );
}
