import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { staleSaveError } from "@/lib/revisions/stale-save";
import {
  JOURNAL_PARTS,
  parseLoadTestJournal,
  UpdateLoadTestJournalInput,
  type LoadTestJournal,
} from "@/lib/loadtests/load-test-journal";

export type LoadTestJournalEntry = { id: string; version: number; journal: LoadTestJournal };

/** A run's journal entry and the version a save must carry. */
export async function getLoadTestJournal({ actor, id }: { actor: Actor; id: string }): Promise<LoadTestJournalEntry> {
  assertCan(actor, "read");
  const run = await db().loadTestRun.findUnique({ where: { id }, select: { id: true, version: true, journal: true } });
  if (!run) throw new AppError("NOT_FOUND", "Load-test run not found.");
  return { id: run.id, version: run.version, journal: parseLoadTestJournal(run.journal) };
}

/**
 * Saves a run's journal entry under the run's version, the same lock as its name, notes and setup:
 * a stale save is refused with the saved entry and yours. The figures are evidence and never change.
 */
export async function updateLoadTestJournal({
  actor,
  input,
  tx,
}: {
  actor: Actor;
  input: UpdateLoadTestJournalInput;
  tx?: Db;
}): Promise<LoadTestJournalEntry> {
  assertCan(actor, "edit");
  const parsed = UpdateLoadTestJournalInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { id, version, ...journal } = parsed.data;

  const run = async (client: Db) => {
    const current = await client.loadTestRun.findUnique({ where: { id }, select: { id: true, version: true, journal: true } });
    if (!current) throw new AppError("NOT_FOUND", "Load-test run not found.");
    const before = parseLoadTestJournal(current.journal);
    const { count } = await client.loadTestRun.updateMany({
      where: { id, version },
      data: { journal, version: { increment: 1 } },
    });
    if (count === 0) {
      const now = await client.loadTestRun.findUniqueOrThrow({ where: { id }, select: { version: true, journal: true } });
      throw staleSaveError({ version: now.version, journal: parseLoadTestJournal(now.journal) }, { version, journal });
    }
    await recordAudit(client, actor, {
      action: "loadtest.journal.update",
      entityType: "LoadTestRun",
      entityId: id,
      data: { version: version + 1, changed: JOURNAL_PARTS.filter((p) => before[p.key] !== journal[p.key]).map((p) => p.key) },
    });
    return { id, version: version + 1, journal };
  };
  return tx ? run(tx) : db().$transaction(run);
}
