/**
 * The load-test journal entry of one run (LoadTestRun.journal): what changed since the last run, what
 * comes next, what was ruled out and why, and free thoughts. Plain text. Prisma-free: the run page's
 * form and the verb validate with the same schema, and exporters read stored entries with the parser.
 */
import { z } from "zod";

export const JOURNAL_MAX_CHARS = 10_000;

const JournalText = z.string().max(JOURNAL_MAX_CHARS, "Keep each part under 10,000 characters.").default("");

export const LoadTestJournal = z.object({
  changes: JournalText,
  nextUp: JournalText,
  notDoing: JournalText,
  thoughts: JournalText,
});
export type LoadTestJournal = z.output<typeof LoadTestJournal>;

export const JOURNAL_PARTS = [
  { key: "changes", label: "Changes made", hint: "What differs from the previous run: code, configuration, machines." },
  { key: "nextUp", label: "Next up", hint: "What the next run will try." },
  { key: "notDoing", label: "Not doing", hint: "What was ruled out, and why." },
  { key: "thoughts", label: "Thoughts", hint: "Anything else worth remembering." },
] as const satisfies readonly { key: keyof LoadTestJournal; label: string; hint: string }[];

export const UpdateLoadTestJournalInput = LoadTestJournal.extend({
  id: z.string().min(1),
  /** The run's version: the journal shares the lock with the run's name, notes and setup. */
  version: z.coerce.number().int().positive(),
});
export type UpdateLoadTestJournalInput = z.input<typeof UpdateLoadTestJournalInput>;

/** Reads LoadTestRun.journal leniently: a missing or non-text part is empty. */
export function parseLoadTestJournal(json: unknown): LoadTestJournal {
  const raw = json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return { changes: text(raw.changes), nextUp: text(raw.nextUp), notDoing: text(raw.notDoing), thoughts: text(raw.thoughts) };
}

export function isJournalEmpty(journal: LoadTestJournal): boolean {
  return JOURNAL_PARTS.every((p) => journal[p.key].trim() === "");
}
