import { describe, expect, it } from "vitest";
import { ConfigError, readEnv } from "@/lib/env";

describe("readEnv", () => {
  it("applies defaults and treats empty strings as unset", () => {
    const env = readEnv({ PORT: "", DATABASE_URL: "" });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
  });
  it.each([
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL must be a postgresql/],
    [{ PORT: "http" }, /PORT/],
    [{ NEXTAUTH_SECRET: "short" }, /at least 16/],
    [{ GITHUB_ID: "abc" }, /GITHUB_ID and GITHUB_SECRET/],
    [{ OIDC_ISSUER: "http://127.0.0.1:9000" }, /OIDC sign-in needs/],
    [{ ADMIN_EMAIL: "a@b.co" }, /ADMIN_EMAIL and ADMIN_PASSWORD/],
  ])("refuses %o with one clear line", (source, message) => {
    expect(() => readEnv(source)).toThrow(ConfigError);
    expect(() => readEnv(source)).toThrow(message);
  });
});
