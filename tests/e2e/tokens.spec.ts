import { expect, test } from "@playwright/test";
import { demoAdmin, signIn } from "./support";

test("a user creates a read token, sees it once, uses it on the API within its scope, then revokes it", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const name = `e2e reader ${Date.now().toString(36)}`;
  const admin = demoAdmin();
  await signIn(page, admin.email, admin.password);

  // 1. Create it on the page: the secret is shown once, with a warning and a copy button.
  await page.goto("/settings/tokens");
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Scope").selectOption("read");
  await page.getByLabel("Expires after").selectOption("30");
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByRole("status", { name: "New API token" });
  await expect(shown).toContainText("shown only once");
  await expect(shown.getByRole("button", { name: "Copy" })).toBeVisible();
  const secret = await shown.getByLabel("New token secret").inputValue();
  expect(secret).toMatch(/^hs_[A-Za-z0-9_-]{43}$/);
  const row = page.getByTestId("api-token-row").filter({ hasText: name });
  await expect(row).toContainText(`${secret.slice(0, 10)}…`);
  await expect(row).toContainText("Read");
  await expect(row).toContainText("Active");

  // 2. Never again: a fresh load of the page lists the token by its prefix only.
  await page.reload();
  await expect(row).toContainText("Never");
  expect(await page.content()).not.toContain(secret.slice(10));

  // 3. The API with the token and no cookie: reads answer, writes are refused by the scope.
  const auth = { Authorization: `Bearer ${secret}` };
  expect((await request.get("/api/v1/monitors")).status()).toBe(401);
  const monitors = await request.get("/api/v1/monitors", { headers: auth });
  expect(monitors.status()).toBe(200);
  expect(Array.isArray((await monitors.json()).monitors)).toBe(true);
  const exported = await request.get("/api/v1/incidents/1/export?format=json", { headers: auth });
  expect(exported.status()).toBe(200);
  const incidentJson = await exported.text();
  expect(JSON.parse(incidentJson)).toBeTruthy();
  const imported = await request.post("/api/v1/incidents/import", {
    headers: { ...auth, "Content-Type": "application/json" },
    data: incidentJson,
  });
  expect(imported.status()).toBe(403);
  expect((await imported.json()).error).toMatchObject({
    code: "FORBIDDEN",
    message: "This API token's scope (read) does not allow this.",
  });

  // The page shows the last use now.
  await page.reload();
  await expect(row).not.toContainText("Never");

  // 4. A bad token is refused even alongside a valid session cookie: no fallback to the cookie.
  const withCookie = await page.request.get("/api/v1/monitors", {
    headers: { Authorization: `Bearer ${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}` },
  });
  expect(withCookie.status()).toBe(401);
  expect((await page.request.get("/api/v1/monitors")).status()).toBe(200);

  // 5. Revoked on the page: the token is refused from then on.
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await row.getByRole("button", { name: `Confirm revoking ${name}` }).click();
  await expect(row).toContainText("Revoked");
  const afterRevoke = await request.get("/api/v1/monitors", { headers: auth });
  expect(afterRevoke.status()).toBe(401);
  expect((await afterRevoke.json()).error.code).toBe("UNAUTHENTICATED");
});
