/**
 * Report fields a template asks for besides the narrative (the grant milestone report's application
 * link and milestone number), kept in Postmortem.fields as { applicationLink?, milestoneNumber? }.
 * Prisma-free: the form, the verbs and the exporters share these.
 */
import { z } from "zod";
import { OptionalHttpLink } from "@/lib/deliverables/schema";

/** As stored and exported: a field nobody filled in is absent, never "". */
export type ReportFields = { applicationLink?: string; milestoneNumber?: string };

/** The form: "" means none. */
export const ReportFieldsDraft = z.object({
  applicationLink: OptionalHttpLink.default(""),
  milestoneNumber: z.string().trim().max(50, "Use at most 50 characters").default(""),
});
export type ReportFieldsDraft = z.input<typeof ReportFieldsDraft>;

export const SaveReportFieldsInput = ReportFieldsDraft.extend({
  incidentId: z.string().min(1),
  /** The fields as the form loaded them: the save is refused if someone changed them since. */
  previous: z.object({ applicationLink: z.string().optional(), milestoneNumber: z.string().optional() }),
});
export type SaveReportFieldsInput = z.input<typeof SaveReportFieldsInput>;

/** Drops empty fields, so "" and missing mean the same everywhere. */
export function toStoredReportFields(draft: { applicationLink?: string; milestoneNumber?: string }): ReportFields {
  const out: ReportFields = {};
  if (draft.applicationLink) out.applicationLink = draft.applicationLink;
  if (draft.milestoneNumber) out.milestoneNumber = draft.milestoneNumber;
  return out;
}

/** Reads Postmortem.fields leniently: only string values of the known keys count. */
export function parseReportFields(json: unknown): ReportFields {
  const raw = json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  return toStoredReportFields({
    applicationLink: typeof raw.applicationLink === "string" ? raw.applicationLink : undefined,
    milestoneNumber: typeof raw.milestoneNumber === "string" ? raw.milestoneNumber : undefined,
  });
}

export function sameReportFields(a: ReportFields, b: ReportFields): boolean {
  return (a.applicationLink ?? "") === (b.applicationLink ?? "") && (a.milestoneNumber ?? "") === (b.milestoneNumber ?? "");
}
