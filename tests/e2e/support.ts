import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/** The demo admin printed by `npm start`, read from the run's data directory. */
export function demoAdmin(): { email: string; password: string } {
  const file = path.join(process.env.E2E_DATA_DIR as string, "demo-credentials.txt");
  const [email, password] = fs.readFileSync(file, "utf8").split("\n");
  return { email, password };
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}
