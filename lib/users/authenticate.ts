import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { consumeRateLimit, resetRateLimit } from "@/lib/auth/rate-limit";
import { SignInInput } from "@/lib/users/schema";

export const LOGIN_LIMITS = {
  perAccount: { limit: 10, windowSeconds: 15 * 60 },
  perAddress: { limit: 50, windowSeconds: 15 * 60 },
};

export type AuthenticatedUser = { id: string; email: string; name: string; role: string };

/**
 * Credentials check. Wrong password, unknown user, inactive and locked-out accounts all return
 * null after the same work, so a caller cannot tell which it was; the reason goes to the log only.
 */
export async function authenticate(
  input: { email: unknown; password: unknown },
  clientAddress = "unknown",
): Promise<AuthenticatedUser | null> {
  const parsed = SignInInput.safeParse(input);
  if (!parsed.success) {
    await verifyPassword(null, "");
    return null;
  }
  const { email, password } = parsed.data;
  const account = await consumeRateLimit(
    `login:account:${email}`,
    LOGIN_LIMITS.perAccount.limit,
    LOGIN_LIMITS.perAccount.windowSeconds,
  );
  const address = await consumeRateLimit(
    `login:address:${clientAddress}`,
    LOGIN_LIMITS.perAddress.limit,
    LOGIN_LIMITS.perAddress.windowSeconds,
  );
  const user = await db().user.findUnique({ where: { email } });
  const passwordOk = await verifyPassword(user?.passwordHash, password);

  let reason: string | null = null;
  if (!account.allowed || !address.allowed) reason = "rate_limited";
  else if (!user) reason = "unknown_user";
  else if (!user.active) reason = "inactive";
  else if (!passwordOk) reason = "wrong_password";

  if (reason || !user) {
    console.warn(JSON.stringify({ event: "login_failed", email, address: clientAddress, reason }));
    return null;
  }
  await resetRateLimit(`login:account:${email}`);
  await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
