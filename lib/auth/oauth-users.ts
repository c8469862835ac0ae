import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { Email } from "@/lib/users/schema";

/**
 * Maps an OAuth identity to a Hindsight user: an identity seen before keeps its user; a new one
 * links to the user with the same e-mail, or creates a viewer. Inactive users are refused.
 */
export async function resolveOAuthUser(identity: {
  provider: string;
  providerAccountId: string;
  email: string | null | undefined;
  name: string | null | undefined;
}): Promise<{ id: string; email: string; name: string; role: string } | null> {
  return db().$transaction(async (tx) => {
    const linked = await tx.account.findUnique({
      where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
      include: { user: true },
    });
    if (linked) {
      if (!linked.user.active) return null;
      await tx.user.update({ where: { id: linked.user.id }, data: { lastLoginAt: new Date() } });
      return linked.user;
    }
    const email = Email.safeParse(identity.email ?? "");
    if (!email.success) return null;
    let user = await tx.user.findUnique({ where: { email: email.data } });
    if (user && !user.active) return null;
    if (!user) {
      user = await tx.user.create({ data: { email: email.data, name: identity.name ?? "", role: "viewer" } });
      await recordAudit(
        tx,
        { kind: "system", label: `oauth:${identity.provider}` },
        {
          action: "user.create",
          entityType: "User",
          entityId: user.id,
          data: { email: user.email, role: user.role, via: identity.provider },
        },
      );
    }
    await tx.account.create({
      data: { userId: user.id, provider: identity.provider, providerAccountId: identity.providerAccountId },
    });
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    return user;
  });
}
