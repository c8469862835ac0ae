/**
 * Inputs of a report's deliverables (the grant milestone report's table: Number | Deliverable | Link |
 * Notes | Engineering time). Prisma-free: the form and the verbs validate with the same schemas.
 */
import { z } from "zod";

export const LINK_MESSAGE = "Enter a full http:// or https:// link";

const httpUrl = z.url({ protocol: /^https?$/, error: LINK_MESSAGE });

/** An http(s) URL, or "" for none; anything else (javascript:, ftp:, a bare host) is refused. */
export const OptionalHttpLink = z
  .string(LINK_MESSAGE)
  .trim()
  .max(2000, "Use at most 2,000 characters")
  .refine((v) => v === "" || httpUrl.safeParse(v).success, LINK_MESSAGE);

export const DeliverableFields = {
  number: z
    .string("Give the deliverable a number")
    .trim()
    .min(1, "Give the deliverable a number, e.g. 1 or 0a")
    .max(20, "Use at most 20 characters"),
  title: z.string("Name the deliverable").trim().min(1, "Name the deliverable").max(500, "Use at most 500 characters"),
  link: OptionalHttpLink.default(""),
  notes: z.string().trim().max(5000, "Use at most 5,000 characters").default(""),
  /** Free text as people say it: "3 days", "2 weeks", "~40 h". */
  engineeringTime: z.string().trim().max(100, "Use at most 100 characters").default(""),
};

/** The form's fields alone, for validating in the browser before the id and version are known. */
export const DeliverableDraft = z.object(DeliverableFields);
export type DeliverableDraft = z.input<typeof DeliverableDraft>;

export const CreateDeliverableInput = z.object({ incidentId: z.string().min(1), ...DeliverableFields });
export type CreateDeliverableInput = z.input<typeof CreateDeliverableInput>;

export const UpdateDeliverableInput = z.object({
  id: z.string().min(1),
  version: z.number().int().min(1),
  ...DeliverableFields,
});
export type UpdateDeliverableInput = z.input<typeof UpdateDeliverableInput>;

export const DeleteDeliverableInput = z.object({ id: z.string().min(1) });
export type DeleteDeliverableInput = z.input<typeof DeleteDeliverableInput>;

export const MoveDeliverableInput = z.object({
  id: z.string().min(1),
  direction: z.enum(["up", "down"], "Move up or down"),
});
export type MoveDeliverableInput = z.input<typeof MoveDeliverableInput>;

/** The number the add form offers: one past the highest plain number ("1", "2" → "3"), else the row count + 1. */
export function suggestNextNumber(numbers: string[]): string {
  const plain = numbers.map((n) => n.trim()).filter((n) => /^\d{1,9}$/.test(n));
  if (plain.length === 0) return String(numbers.length + 1);
  return String(Math.max(...plain.map(Number)) + 1);
}
