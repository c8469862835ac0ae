import { addDays } from "date-fns";
import { db, type Db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { type Actor } from "@/lib/auth/actor";
import { can, SCOPE_REQUIRES, TOKEN_SCOPES } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { CreateApiTokenInput } from "@/lib/tokens/schema";
import { generateTokenSecret, hashTokenSecret, tokenDisplayPrefix } from "@/lib/tokens/secret";
import { TOKEN_OWNER_SELECT, toApiTokenView } from "@/lib/tokens/views";
import type { ApiTokenView } from "@/lib/tokens/constants";

export type CreatedApiToken = { token: ApiTokenView; secret: string };

/**
 * A new token for the acting user. The secret is returned here once and never again: only its
 * SHA-256 is stored. A token may create tokens, but none wider or longer-lived than itself.
 */
export async function createApiToken({
  actor,
  input,
  now = new Date(),
  tx,
}: {
  actor: Actor;
  input: CreateApiTokenInput;
  now?: Date;
  tx?: Db;
}): Promise<CreatedApiToken> {
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "An API token belongs to a user: create it signed in as that user.");
  if (actor.tokenScope === "read") throw new AppError("FORBIDDEN", "This API token's scope (read) does not allow this.");
  const parsed = CreateApiTokenInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { name, scope, expiresInDays } = parsed.data;

  if (!can(actor.role, SCOPE_REQUIRES[scope])) {
    throw new AppError("FORBIDDEN", `Your role does not allow ${scope} tokens.`, {
      scope: ["Your role does not allow this scope"],
    });
  }
  if (actor.tokenScope && TOKEN_SCOPES.indexOf(scope) > TOKEN_SCOPES.indexOf(actor.tokenScope)) {
    throw new AppError("FORBIDDEN", `A ${actor.tokenScope} token cannot create a ${scope} token.`, {
      scope: ["Wider than the token making the request"],
    });
  }
  const expiresAt = expiresInDays === "never" ? null : addDays(now, Number(expiresInDays));

  const secret = generateTokenSecret();
  const run = async (client: Db) => {
    if (actor.tokenId) {
      const parent = await client.apiToken.findUnique({ where: { id: actor.tokenId }, select: { expiresAt: true } });
      if (parent?.expiresAt && (!expiresAt || expiresAt > parent.expiresAt)) {
        throw new AppError("VALIDATION", "A token cannot outlive the token that creates it.", {
          expiresInDays: [`Choose an expiry before ${parent.expiresAt.toISOString()}`],
        });
      }
    }
    const token = await client.apiToken.create({
      data: {
        userId: actor.id,
        name,
        scope,
        tokenHash: hashTokenSecret(secret),
        prefix: tokenDisplayPrefix(secret),
        expiresAt,
        createdAt: now,
      },
      include: { user: TOKEN_OWNER_SELECT },
    });
    await recordAudit(client, actor, {
      action: "token.create",
      entityType: "ApiToken",
      entityId: token.id,
      data: { name, scope, prefix: token.prefix, expiresAt: expiresAt?.toISOString() ?? null, viaToken: actor.tokenId ?? null },
    });
    return token;
  };
  const token = tx ? await run(tx) : await db().$transaction(run);
  return { token: toApiTokenView(token, now), secret };
}
