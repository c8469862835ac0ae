import { expect, test, type Page } from "@playwright/test";
import { demoAdmin, signIn, signOut } from "./support";

// The provider started by playwright.config.ts from tests/e2e/oidc-provider.ts.
const PROVIDER = /^http:\/\/127\.0\.0\.1:\d+\//;
const OIDC_EMAIL = "oidc.user@example.test";

test.beforeEach(async ({ context }) => {
  // The provider's development pages pull a web font; keep the run offline and fast.
  await context.route("https://fonts.googleapis.com/**", (route) => route.abort());
});

async function startOidcSignIn(page: Page) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Local OIDC" }).click();
}

async function expectSignedInAsOlive(page: Page) {
  await expect(page).toHaveURL(/\/incidents$/);
  await expect(page.getByTestId("current-user")).toHaveText("Olive Oidc (Viewer)");
}

test("a new person signs in through the OIDC provider as a viewer, and signing in again reuses the same account", async ({
  page,
}) => {
  await startOidcSignIn(page);

  // The provider's own login page, on its own origin.
  await expect(page).toHaveURL(PROVIDER);
  await expect(page.getByRole("heading", { name: "Sign-in" })).toBeVisible();
  await page.getByPlaceholder("Enter any login").fill("oidc-user-1");
  await page.getByPlaceholder("and password").fill("any password will do");
  await page.getByRole("button", { name: "Sign-in" }).click();

  // Then its consent page, asking for the e-mail and profile scopes.
  await expect(page.getByRole("heading", { name: "Authorize" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: /^email$/ })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: /^profile$/ })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();

  // Back in Hindsight: a new viewer named from the provider's claims, who reads but cannot create.
  await expectSignedInAsOlive(page);
  await expect(page.getByRole("heading", { name: "Incidents" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Cache ran out of memory/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "New incident" })).toHaveCount(0);
  await signOut(page);
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/signin/);

  // Signing out of Hindsight does not sign out of the provider: the second sign-in goes straight
  // through (no login, no consent) and lands on the same, already linked user.
  await startOidcSignIn(page);
  await expectSignedInAsOlive(page);
  await signOut(page);

  // The admin sees exactly one user for that e-mail: the identity was linked, not created twice.
  const admin = demoAdmin();
  await signIn(page, admin.email, admin.password);
  await page.getByRole("link", { name: "Users" }).click();
  const rows = page.getByRole("row").filter({ has: page.getByRole("cell", { name: OIDC_EMAIL, exact: true }) });
  await expect(rows).toHaveCount(1);
  await expect(rows.getByRole("cell", { name: "Olive Oidc", exact: true })).toBeVisible();
  await expect(page.getByLabel(`Role of ${OIDC_EMAIL}`)).toHaveValue("viewer");
});
