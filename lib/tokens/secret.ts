import { createHash, randomBytes } from "node:crypto";
import { TOKEN_PREFIX_LENGTH, TOKEN_SECRET_PREFIX } from "@/lib/tokens/constants";

const SECRET_BYTES = 32;
/** `hs_` and the base64url of 32 bytes (43 characters, no padding). */
const SECRET_PATTERN = /^hs_[A-Za-z0-9_-]{43}$/;

export function generateTokenSecret(): string {
  return TOKEN_SECRET_PREFIX + randomBytes(SECRET_BYTES).toString("base64url");
}

/** Only this is stored: a database leak reveals no working token. */
export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function tokenDisplayPrefix(secret: string): string {
  return secret.slice(0, TOKEN_PREFIX_LENGTH);
}

/** Cheap shape check, so garbage never reaches the database. */
export function isWellFormedTokenSecret(secret: string): boolean {
  return SECRET_PATTERN.test(secret);
}
