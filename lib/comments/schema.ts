import { z } from "zod";
import { COMMENT_BODY_MAX, COMMENT_SECTION_KEYS } from "@/lib/comments/constants";

const Id = z.string("Unknown comment").trim().min(1, "Unknown comment").max(64, "Unknown comment");

export const AddCommentInput = z.object({
  incidentNumber: z.coerce.number("Unknown incident").int("Unknown incident").min(1, "Unknown incident"),
  body: z
    .string("Write a comment")
    .trim()
    .min(1, "Write a comment")
    .max(COMMENT_BODY_MAX, `Use at most ${COMMENT_BODY_MAX.toLocaleString("en")} characters`),
  /** Empty or missing: the whole document. A reply takes its thread's section and ignores this. */
  sectionKey: z
    .union([z.literal(""), z.null(), z.enum(COMMENT_SECTION_KEYS, "Choose a section")])
    .optional()
    .transform((v) => v || null),
  parentId: z
    .union([z.literal(""), z.null(), Id])
    .optional()
    .transform((v) => v || null),
});
export type AddCommentInput = z.input<typeof AddCommentInput>;

export const ResolveCommentInput = z.object({ commentId: Id, resolved: z.boolean().default(true) });
export type ResolveCommentInput = z.input<typeof ResolveCommentInput>;
