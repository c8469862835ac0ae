"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runAction } from "@/lib/transport/action-result";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";
import type { CreateApiTokenInput, RevokeApiTokenInput } from "@/lib/tokens/schema";

/** Answers the secret this once; the page never shows it again. */
export async function createApiTokenAction(input: CreateApiTokenInput) {
  const user = await requireUser("read");
  const result = await runAction(async () => {
    const { token, secret } = await createApiToken({ actor: user, input });
    return { name: token.name, scope: token.scope, prefix: token.prefix, secret };
  });
  if (result.ok) revalidatePath("/settings/tokens");
  return result;
}

export async function revokeApiTokenAction(input: RevokeApiTokenInput) {
  const user = await requireUser("read");
  const result = await runAction(async () => {
    const token = await revokeApiToken({ actor: user, input });
    return { name: token.name };
  });
  revalidatePath("/settings/tokens");
  return result;
}
