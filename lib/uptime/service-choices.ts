/** Services a monitor can belong to, for the import and report forms' selects (ids, since the inputs take ids). */
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";

export async function listServiceChoices({ actor }: { actor: Actor }): Promise<{ id: string; name: string }[]> {
  assertCan(actor, "read");
  return db().service.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
