import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { actorCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { RevokeApiTokenInput } from "@/lib/tokens/schema";
import { TOKEN_OWNER_SELECT, toApiTokenView } from "@/lib/tokens/views";
import type { ApiTokenView } from "@/lib/tokens/constants";

/**
 * Revokes one of the actor's tokens; an administrator may revoke anyone's. Someone else's token
 * looks missing to others. Revoking twice keeps the first time and writes no second audit row.
 */
export async function revokeApiToken({
  actor,
  input,
  now = new Date(),
  tx,
}: {
  actor: Actor;
  input: RevokeApiTokenInput;
  now?: Date;
  tx?: Db;
}): Promise<ApiTokenView> {
  if (actor.kind === "user" && actor.tokenScope === "read") {
    throw new AppError("FORBIDDEN", "This API token's scope (read) does not allow this.");
  }
  const parsed = RevokeApiTokenInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { tokenId } = parsed.data;

  const run = async (client: Db) => {
    const token = await client.apiToken.findUnique({ where: { id: tokenId }, include: { user: TOKEN_OWNER_SELECT } });
    const mayRevoke = token && ((actor.kind === "user" && token.userId === actor.id) || actorCan(actor, "administer"));
    if (!token || !mayRevoke) throw new AppError("NOT_FOUND", "That token does not exist.");
    if (token.revokedAt) return token;
    // Guarded so two concurrent revocations write one timestamp and one audit row.
    const { count } = await client.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) return client.apiToken.findUniqueOrThrow({ where: { id: token.id }, include: { user: TOKEN_OWNER_SELECT } });
    await recordAudit(client, actor, {
      action: "token.revoke",
      entityType: "ApiToken",
      entityId: token.id,
      data: { name: token.name, scope: token.scope, prefix: token.prefix, owner: token.user.email },
    });
    return { ...token, revokedAt: now };
  };
  const token = tx ? await run(tx) : await db().$transaction(run);
  return toApiTokenView(token, now);
}
