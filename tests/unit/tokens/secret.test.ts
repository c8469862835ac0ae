import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateTokenSecret, hashTokenSecret, isWellFormedTokenSecret, tokenDisplayPrefix } from "@/lib/tokens/secret";

describe("token secrets", () => {
  it("are hs_ and the base64url of 32 random bytes", () => {
    const secret = generateTokenSecret();
    expect(secret).toMatch(/^hs_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice(3), "base64url")).toHaveLength(32);
    expect(isWellFormedTokenSecret(secret)).toBe(true);
  });

  it("differ every time", () => {
    const secrets = new Set(Array.from({ length: 200 }, generateTokenSecret));
    expect(secrets.size).toBe(200);
  });

  it("are stored as their SHA-256 in hex", () => {
    const secret = "hs_" + "A".repeat(43);
    expect(hashTokenSecret(secret)).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(hashTokenSecret(secret)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keep their first 10 characters in clear", () => {
    expect(tokenDisplayPrefix("hs_abcdefghijklmnop")).toBe("hs_abcdefg");
  });

  it("refuse other shapes before any lookup", () => {
    for (const bad of [
      "",
      "hs_",
      "hs_" + "A".repeat(42),
      "hs_" + "A".repeat(44),
      "xx_" + "A".repeat(43),
      "hs_" + "A".repeat(42) + "=",
    ]) {
      expect(isWellFormedTokenSecret(bad), bad).toBe(false);
    }
  });
});
