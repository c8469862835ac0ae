import { AppError } from "@/lib/errors";

/** `/incidents/{number}/…`: anything but a positive whole number names no incident. */
export function incidentNumberParam(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new AppError("NOT_FOUND", "Incident not found.");
  return n;
}
