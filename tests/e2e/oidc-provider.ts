/**
 * A real OpenID Connect provider for the end-to-end tests: `oidc-provider` on 127.0.0.1 with its own
 * development login and consent pages. Run with `node --import tsx tests/e2e/oidc-provider.ts`;
 * Playwright starts it before the app. Sign in as `oidc-user-1` with any password.
 * For tests only: throwaway keys, an in-memory store and a known client secret.
 */
import { generateKeyPairSync } from "node:crypto";
import type { Server } from "node:http";
// @ts-expect-error -- oidc-provider 9 ships no type declarations
import Provider from "oidc-provider";

const OIDC_PORT = Number(process.env.OIDC_PORT ?? 3299);
const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
const OIDC_CLIENT_ID = "hindsight-e2e";
const OIDC_CLIENT_SECRET = "e2e-secret-not-for-production";

/** The provider's user directory, keyed by login (which is also the `sub` claim). */
const OIDC_ACCOUNTS: Record<string, { email: string; name: string }> = {
  "oidc-user-1": { email: "oidc.user@example.test", name: "Olive Oidc" },
};

type Claims = Record<string, unknown>;

function startProvider(): Server {
  const appPort = Number(process.env.E2E_PORT ?? 3210);
  // A fresh signing key per run, so the provider does not fall back to its built-in development keys.
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });

  const provider = new Provider(OIDC_ISSUER, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        redirect_uris: [`http://localhost:${appPort}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        // What next-auth 4 (openid-client) uses unless told otherwise.
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    jwks: { keys: [{ ...signingKey, use: "sig", alg: "RS256", kid: "e2e" }] },
    // Signed cookies; plain http on 127.0.0.1 works because the cookies are not marked secure.
    cookies: { keys: ["e2e-cookie-key-not-for-production"] },
    // The built-in login ("any login") and consent pages, filled in by the test like a person would.
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: unknown, id: string) {
      const account = OIDC_ACCOUNTS[id];
      if (!account) return undefined;
      return {
        accountId: id,
        async claims(): Promise<Claims> {
          return { sub: id, email: account.email, email_verified: true, name: account.name };
        },
      };
    },
  });

  provider.on("server_error", (_ctx: unknown, error: Error) => console.error("oidc-provider server_error:", error));
  return provider.listen(OIDC_PORT, "127.0.0.1", () => {
    console.log(`OIDC provider listening on ${OIDC_ISSUER} (client ${OIDC_CLIENT_ID})`);
  }) as Server;
}

startProvider();
// Everything lives in memory: nothing to flush on the way out.
process.on("SIGINT", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
