import { z } from "zod";
import { TOKEN_EXPIRIES, TOKEN_SCOPES } from "@/lib/tokens/constants";

export const CreateApiTokenInput = z.object({
  name: z
    .string("Name the token")
    .trim()
    .min(1, "Name the token, e.g. after the script or machine that uses it")
    .max(80, "Use at most 80 characters"),
  scope: z.enum(TOKEN_SCOPES, "Choose a scope"),
  expiresInDays: z.enum(TOKEN_EXPIRIES, "Choose when the token expires"),
});
export type CreateApiTokenInput = z.input<typeof CreateApiTokenInput>;

export const RevokeApiTokenInput = z.object({ tokenId: z.string("Name the token to revoke").min(1, "Name the token to revoke") });
export type RevokeApiTokenInput = z.input<typeof RevokeApiTokenInput>;
