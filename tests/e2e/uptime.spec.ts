import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { demoAdmin, signIn } from "./support";

/** A check a minute from 00:00 to 02:00 UTC; down from 00:30 until the check at 00:45 answers again. */
function checksCsv(): string {
  const rows = ["timestamp,status,latency_ms"];
  const start = Date.parse("2026-10-10T00:00:00Z");
  for (let minute = 0; minute <= 120; minute++) {
    const at = new Date(start + minute * 60_000).toISOString().replace(".000Z", "Z");
    const down = minute >= 30 && minute < 45;
    rows.push(down ? `${at},down,` : `${at},up,${120 + (minute % 7) * 9}`);
  }
  return `${rows.join("\n")}\n`;
}

test("an editor imports a CSV of checks, reads the monitor page, picks a period and creates an incident from the downtime", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const name = `Checkout probe ${stamp}`;
  const admin = demoAdmin();
  await signIn(page, admin.email, admin.password);

  // 1. Import through the upload form: the CSV, its format, the monitor's name and target.
  await page.goto("/monitors/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import uptime data" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  const form = page.getByRole("form", { name: "Import uptime data" });
  await form
    .locator('input[type="file"]:not([webkitdirectory])')
    .setInputFiles({ name: "checkout-probe.csv", mimeType: "text/csv", buffer: Buffer.from(checksCsv()) });
  await expect(form.getByRole("list", { name: "Chosen files" })).toContainText("checkout-probe.csv");
  await form.getByLabel("Format").selectOption({ label: "CSV of checks" });
  await expect(form.getByText("timestamp,status[,latency_ms]")).toBeVisible();
  await form.getByLabel(/^Monitor name/).fill(name);
  await form.getByLabel(/^Target/).fill("https://shop.example.com/health");
  await form.getByRole("button", { name: "Import", exact: true }).click();

  // 2. One monitor: the import opens its page, with the status strip and the figure cards.
  await expect(page).toHaveURL(/\/monitors\/[^/?]+$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const strip = page.getByTestId("status-strip");
  await expect(strip).toBeVisible();
  await expect(
    strip
      .getByRole("list", { name: /Status per day/ })
      .getByRole("listitem")
      .last(),
  ).toHaveAccessibleName(/^2026-10-10: [\d.]+% up, 15 min down/);
  await expect(page.getByTestId("figure-uptime")).toContainText("%");
  await expect(page.getByTestId("figure-uptime")).toContainText("Time without data is unknown");
  await expect(page.getByTestId("figure-downtime")).toContainText("15 min");
  await expect(page.getByTestId("figure-budget")).toBeVisible();
  await expect(page.getByTestId("figure-latency")).toContainText("p99");

  // 3. A period from the picker lands in the address and titles the figures.
  const period = page.getByRole("form", { name: "Period" });
  await period.getByText("Day", { exact: true }).click();
  await expect(period.getByRole("radio", { name: "Day" })).toBeChecked();
  await period.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/period=day/);
  await expect(page.getByTestId("period-label")).toContainText("2026-10-10");

  // 4. The downtime window's "Create incident" opens a form prefilled with its times in the monitor's zone.
  const rows = page.getByTestId("downtime-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("15 min");
  await rows
    .first()
    .getByRole("button", { name: /^Create incident/ })
    .click();
  const create = page.getByRole("form", { name: "Create an incident from this downtime" });
  await expect(create.getByLabel("Title")).toHaveValue(`${name} down`);
  await expect(create.getByLabel(/^Started/)).toHaveValue("2026-10-10T00:30");
  await expect(create.getByLabel(/^Resolved/)).toHaveValue("2026-10-10T00:45");
  await create.getByRole("button", { name: "Create incident", exact: true }).click();

  // 5. The new incident carries the down and up events, and the monitor as linked evidence.
  await expect(page).toHaveURL(/\/incidents\/\d+$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1, name: `${name} down` })).toBeVisible();
  const timeline = page.getByRole("region", { name: "Timeline", exact: true });
  await expect(timeline.getByText(`${name} went down`)).toBeVisible();
  await expect(timeline.getByText(`${name} recovered`)).toBeVisible();
  const monitors = page.getByRole("region", { name: "Monitors", exact: true });
  await expect(monitors.getByRole("link", { name }).first()).toBeVisible();
  await expect(monitors.getByRole("row", { name: new RegExp(name) })).toContainText("Caught it");
});

test("the websocket incident shows the JSON-RPC monitor as a blind spot, and the uptime report downloads as Markdown", async ({
  page,
}) => {
  const admin = demoAdmin();
  await signIn(page, admin.email, admin.password);

  // 1. The demo websocket outage: the RPC probe stayed green, nothing probes the websocket gateway.
  await page.goto("/incidents/3");
  const monitors = page.getByRole("region", { name: "Monitors", exact: true });
  await expect(monitors).toBeVisible();
  await expect(monitors.getByRole("row", { name: /JSON-RPC endpoint/ })).toContainText("Stayed green — blind spot");
  await expect(monitors.getByTestId("unmonitored-services")).toContainText("websocket-gateway has no monitor.");

  // 2. The report for the month of the outage, against 99%, and its Markdown download.
  await page.goto("/monitors/report?from=2026-10-01&to=2026-10-31&targetPct=99&tz=Europe%2FBerlin");
  const report = page.getByRole("region", { name: /2026-10-01 to 2026-10-31/ });
  await expect(report.getByRole("row", { name: /JSON-RPC endpoint/ })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), report.getByRole("link", { name: "Markdown" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.md$/);
  const markdown = fs.readFileSync((await download.path())!, "utf8");
  expect(markdown).toContain("JSON-RPC endpoint");
  expect(markdown).toContain("99");
});
