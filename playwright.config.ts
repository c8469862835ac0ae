import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// One data directory per run, shared with workers through the environment.
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-e2e-"));
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://localhost:${PORT}`;
const OIDC_PORT = Number(process.env.OIDC_PORT ?? 3299);
const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      // A real OpenID Connect provider for the "Sign in with Local OIDC" tests (tests/e2e/oidc-provider.ts).
      command: "node --import tsx tests/e2e/oidc-provider.ts",
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: { OIDC_PORT: String(OIDC_PORT), E2E_PORT: String(PORT) },
    },
    {
      // The app exactly as `npm start` runs it: migrate, seed demo data, serve the shared build.
      command: "node --import tsx scripts/start.ts",
      url: `${BASE_URL}/signin`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        HINDSIGHT_DATA_DIR: process.env.E2E_DATA_DIR,
        PORT: String(PORT),
        DATABASE_URL: "",
        NEXTAUTH_SECRET: "",
        NEXTAUTH_URL: "",
        OIDC_ISSUER,
        OIDC_CLIENT_ID: "hindsight-e2e",
        OIDC_CLIENT_SECRET: "e2e-secret-not-for-production",
        OIDC_NAME: "Local OIDC",
      },
    },
  ],
});
