import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { SetUserActiveInput, SetUserRoleInput } from "@/lib/users/schema";

/** Refuses to remove the last active admin, so the organisation never locks itself out. */
async function assertAnotherAdmin(client: Db, userId: string) {
  const admins = await client.user.count({ where: { role: "admin", active: true, id: { not: userId } } });
  if (admins === 0) throw new AppError("CONFLICT", "This is the last active admin; make someone else admin first.");
}

export async function setUserRole({ actor, input }: { actor: Actor; input: SetUserRoleInput }) {
  assertCan(actor, "administer");
  const parsed = SetUserRoleInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { email, role } = parsed.data;
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email } });
    if (!user) throw new AppError("NOT_FOUND", `No user with e-mail ${email}.`);
    if (user.role === "admin" && role !== "admin") await assertAnotherAdmin(tx, user.id);
    const updated = await tx.user.update({ where: { id: user.id }, data: { role } });
    await recordAudit(tx, actor, {
      action: "user.set_role",
      entityType: "User",
      entityId: user.id,
      data: { email, from: user.role, to: role },
    });
    return { id: updated.id, email: updated.email, role: updated.role };
  });
}

export async function setUserActive({ actor, input }: { actor: Actor; input: { email: string; active: boolean } }) {
  assertCan(actor, "administer");
  const parsed = SetUserActiveInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { email, active } = parsed.data;
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email } });
    if (!user) throw new AppError("NOT_FOUND", `No user with e-mail ${email}.`);
    if (!active && user.role === "admin") await assertAnotherAdmin(tx, user.id);
    await tx.user.update({ where: { id: user.id }, data: { active } });
    await recordAudit(tx, actor, {
      action: active ? "user.activate" : "user.deactivate",
      entityType: "User",
      entityId: user.id,
      data: { email },
    });
  });
}
