import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { readEnv } from "@/lib/env";
import { authenticate } from "@/lib/users/authenticate";
import { resolveOAuthUser } from "@/lib/auth/oauth-users";

type OidcProfile = { sub: string; email?: string; name?: string; preferred_username?: string };

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  if (typeof forwarded === "string" && forwarded) return forwarded.split(",")[0].trim();
  const real = headers?.["x-real-ip"];
  return typeof real === "string" && real ? real : "unknown";
}

export function buildAuthOptions(): NextAuthOptions {
  const env = readEnv();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const user = await authenticate(
          { email: credentials?.email, password: credentials?.password },
          clientAddress(req?.headers as Record<string, unknown> | undefined),
        );
        return user ? { id: user.id, email: user.email, name: user.name } : null;
      },
    }),
  ];
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));
  }
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    const oidc: OAuthConfig<OidcProfile> = {
      id: "oidc",
      name: env.OIDC_NAME,
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      // Spec-conformant providers may put only `sub` in an ID token issued alongside an access token
      // and serve e-mail and name from userinfo: ask it when the ID token has no e-mail.
      userinfo: {
        async request({ tokens, client }) {
          // At run time `tokens` is openid-client's TokenSet; next-auth's type for it is narrower.
          const tokenSet = tokens as Exclude<Parameters<typeof client.userinfo>[0], string>;
          const claims = tokenSet.claims();
          return claims.email ? claims : { ...claims, ...(await client.userinfo(tokenSet)) };
        },
      },
      checks: ["pkce", "state"],
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      profile(profile) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.preferred_username ?? null };
      },
    };
    providers.push(oidc);
  }

  return {
    providers,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      async signIn({ user, account }) {
        if (!account || account.provider === "credentials") return true;
        const resolved = await resolveOAuthUser({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          email: user.email,
          name: user.name,
        });
        if (!resolved) return "/signin?error=AccessDenied";
        // The JWT carries our user id, not the provider's.
        user.id = resolved.id;
        return true;
      },
      async jwt({ token, user }) {
        if (user) token.uid = user.id;
        return token;
      },
      async session({ session, token }) {
        (session as { uid?: unknown }).uid = token.uid;
        return session;
      },
    },
  };
}
