export type AppErrorCode =
  "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "VALIDATION" | "CONFLICT" | "RATE_LIMITED" | "INTERNAL";

export type FieldErrors = Record<string, string[]>;

/** The one error family of the domain; each transport maps it once. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 422,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

type ZodLikeIssue = { path: PropertyKey[]; message: string };

export function validationError(issues: ZodLikeIssue[]): AppError {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  return new AppError("VALIDATION", "Some fields need attention.", fields);
}

/** Prisma's unique violation becomes a CONFLICT; anything unknown stays unknown. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string } | null)?.code;
  if (code === "P2002") return new AppError("CONFLICT", "That already exists.");
  if (code === "P2025") return new AppError("NOT_FOUND", "Not found.");
  return new AppError("INTERNAL", "Something went wrong on our side. It has been logged.");
}
