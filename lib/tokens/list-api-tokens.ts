import { db } from "@/lib/db";
import { actorCan, assertCan, type Actor } from "@/lib/auth/actor";
import { TOKEN_OWNER_SELECT, toApiTokenView } from "@/lib/tokens/views";
import type { ApiTokenView } from "@/lib/tokens/constants";

/** The actor's own tokens, newest first; an administrator (with an admin-scope token, if any) sees everyone's. */
export async function listApiTokens({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<ApiTokenView[]> {
  assertCan(actor, "read");
  const everyone = actorCan(actor, "administer");
  const tokens = await db().apiToken.findMany({
    where: everyone || actor.kind !== "user" ? {} : { userId: actor.id },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    include: { user: TOKEN_OWNER_SELECT },
  });
  return tokens.map((t) => toApiTokenView(t, now));
}
