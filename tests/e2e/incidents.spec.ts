import { expect, test } from "@playwright/test";
import { demoAdmin, signIn, signOut } from "./support";

test("the demo admin signs in, creates an incident, finds it in the list and signs out", async ({ page }) => {
  const admin = demoAdmin();
  await signIn(page, admin.email, admin.password);
  await expect(page.getByRole("heading", { name: "Incidents" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Cache ran out of memory/ })).toBeVisible();

  await page.getByRole("link", { name: "New incident" }).click();
  await expect(page.getByRole("heading", { name: "New incident" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // Bad input: a field-level message, nothing created, the typed values kept.
  await page.getByLabel("Title").fill("DNS resolver overloaded");
  await page.getByRole("button", { name: "Create incident" }).click();
  await expect(page.getByText("Enter a date and time")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("DNS resolver overloaded");

  await page.getByLabel("Severity").selectOption("2");
  await page.getByLabel("Time zone").selectOption("Europe/Berlin");
  await page.getByLabel("Impact started").fill("2026-05-12T19:00");
  await page.getByLabel("Detected").fill("2026-05-12T19:12");
  await page.getByLabel("Services").fill("dns, edge");
  await page.getByRole("button", { name: "Create incident" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "DNS resolver overloaded" })).toBeVisible();
  // Entered in CEST, stored in UTC, shown back in the incident's zone; time to detect is computed.
  await expect(page.getByText("2026-05-12 19:00 GMT+2").or(page.getByText("2026-05-12 19:00 CEST")).first()).toBeVisible();
  await expect(page.getByText("12 minutes")).toBeVisible();

  await page.getByRole("link", { name: "Incidents" }).first().click();
  await expect(page.getByRole("link", { name: "DNS resolver overloaded" })).toBeVisible();
  await signOut(page);
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/signin/);
});

test("a wrong password gets one message that does not say what was wrong", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(demoAdmin().email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText(/Wrong e-mail or password/)).toBeVisible();
});

test("a viewer created by the admin reads incidents but cannot reach the new-incident form or restricted ones", async ({
  page,
}) => {
  const admin = demoAdmin();
  await signIn(page, admin.email, admin.password);
  await page.getByRole("link", { name: "Users" }).click();
  const email = `viewer-${Date.now()}@example.test`;
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Name").fill("Vera Viewer");
  await page.getByLabel(/Initial password/).fill("viewer password 123");
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toHaveText(`Added ${email}.`);
  await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();
  const restrictedHref = await page
    .goto("/incidents")
    .then(() => page.getByRole("link", { name: /Leaked API key/ }).getAttribute("href"));
  await signOut(page);

  await signIn(page, email, "viewer password 123");
  await expect(page.getByRole("link", { name: "New incident" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Leaked API key/ })).toHaveCount(0);
  await page.goto("/incidents/new");
  await expect(page.getByRole("heading", { name: "Your role does not allow this" })).toBeVisible();
  await page.goto(restrictedHref!);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Your role does not allow this" })).toBeVisible();
});
