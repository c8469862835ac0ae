import JSZip from "jszip";
import { expect, test } from "@playwright/test";
import { demoAdmin, signIn } from "./support";

test("the admin downloads the cache postmortem as a zip with charts, shares a customer version and revokes the link", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = demoAdmin();
  await signIn(page, admin.email, admin.password);
  await page.goto("/incidents/1");
  await page.waitForLoadState("networkidle");
  const section = page.getByRole("region", { name: "Export and share" });
  await expect(section).toBeVisible();

  // The zip: report.md whose every image is a chart inside the zip.
  await section.getByLabel("Template", { exact: true }).selectOption("executive_rca");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    section.getByRole("link", { name: "Markdown + charts (.zip)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("incident-1-executive-rca.zip");
  const zip = await JSZip.loadAsync(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks)));
  const report = await zip.file("report.md")!.async("string");
  expect(report).toMatch(/^# Cache ran out of memory/m);
  expect(report).toContain("## Root Cause Analysis");
  const images = [...report.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]);
  expect(images.length).toBeGreaterThan(0);
  for (const src of images) expect(zip.file(src), src).not.toBeNull();

  // A public link, shown once, opens without signing in and leaves out names.
  await section.getByRole("button", { name: "Create public link" }).click();
  const url = await section.getByLabel("Public link").inputValue();
  expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{40,}$/);
  const stranger = await browser.newContext();
  const publicPage = await stranger.newPage();
  const response = await publicPage.goto(url);
  expect(response?.status()).toBe(200);
  await expect(publicPage.getByRole("heading", { level: 1 })).toContainText("Cache ran out of memory");
  await expect(publicPage.locator("body")).not.toContainText("Maya Okafor");

  // Revoked: the same link is gone.
  await page.reload();
  await page.waitForLoadState("networkidle");
  await section.getByRole("button", { name: "Revoke" }).first().click();
  await expect(section.getByRole("status")).toContainText("Link revoked");
  const after = await publicPage.goto(url);
  expect(after?.status()).toBe(404);
  await stranger.close();
});
