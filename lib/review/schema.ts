import { z } from "zod";
import { REASON_MAX } from "@/lib/review/constants";

export { REASON_MAX };

const IncidentNumber = z.coerce.number("Unknown incident").int("Unknown incident").min(1, "Unknown incident");
const Version = z.coerce.number("Reload the page and try again").int().min(1);
const Reason = z
  .string("Give a reason")
  .trim()
  .min(1, "Give a reason")
  .max(REASON_MAX, `Use at most ${REASON_MAX.toLocaleString("en")} characters`);

/** submit, approve, publish: the incident and the postmortem version the person saw. */
export const ReviewTransitionInput = z.object({ incidentNumber: IncidentNumber, version: Version });
export type ReviewTransitionInput = z.input<typeof ReviewTransitionInput>;

/** requestChanges, reopen: as above, plus the reason, kept as a comment on the document. */
export const ReviewReasonInput = ReviewTransitionInput.extend({ reason: Reason });
export type ReviewReasonInput = z.input<typeof ReviewReasonInput>;
