import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { CreateUserInput } from "@/lib/users/schema";

export type UserSummary = { id: string; email: string; name: string; role: string; active: boolean };

export async function createUser({ actor, input, tx }: { actor: Actor; input: CreateUserInput; tx?: Db }): Promise<UserSummary> {
  assertCan(actor, "administer");
  const parsed = CreateUserInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { email, name, password, role } = parsed.data;
  const passwordHash = password ? await hashPassword(password) : null;

  const run = async (client: Db) => {
    const existing = await client.user.findUnique({ where: { email } });
    if (existing) {
      throw new AppError("CONFLICT", `A user with e-mail ${email} already exists.`, {
        email: ["A user with this e-mail already exists"],
      });
    }
    const user = await client.user.create({ data: { email, name, role, passwordHash } });
    await recordAudit(client, actor, {
      action: "user.create",
      entityType: "User",
      entityId: user.id,
      data: { email, role },
    });
    return user;
  };
  const user = tx ? await run(tx) : await db().$transaction(run);
  return { id: user.id, email: user.email, name: user.name, role: user.role, active: user.active };
}
