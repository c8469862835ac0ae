import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { listUserChoices } from "@/lib/users/list-users";

/** Owners and services for the cross-incident filter form. */
export async function listActionFilterChoices({ actor }: { actor: Actor }) {
  assertCan(actor, "read");
  const [people, services] = await Promise.all([
    listUserChoices(),
    db().service.findMany({ orderBy: { name: "asc" }, select: { name: true } }),
  ]);
  return { people, services: services.map((s) => s.name) };
}
