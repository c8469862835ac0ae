import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";

export async function listUsers({ actor }: { actor: Actor }) {
  assertCan(actor, "administer");
  return db().user.findMany({
    orderBy: { email: "asc" },
    select: { id: true, email: true, name: true, role: true, active: true, lastLoginAt: true, createdAt: true },
  });
}

/** Names and ids for pickers (owners, incident roles); every signed-in user may see them. */
export async function listUserChoices() {
  return db().user.findMany({
    where: { active: true },
    orderBy: { name: "asc" },
    select: { id: true, email: true, name: true },
  });
}
