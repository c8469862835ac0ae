import { expect, test, type Locator, type Page } from "@playwright/test";
import { demoAdmin, signIn } from "./support";

type Drawn = { windows: number; thresholds: number; markers: number; markerNumbersOnly: number };

/** A time of the overview ("2026-05-12 19:00 CEST") as its wall-clock minutes, written as if UTC. */
async function overviewTime(page: Page, term: string): Promise<number> {
  const text = await page
    .locator("dt", { hasText: new RegExp(`^${term}$`) })
    .locator("xpath=following-sibling::dd[1]")
    .innerText();
  const wall = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})/.exec(text.trim());
  expect(wall, `${term}: ${text}`).not.toBeNull();
  return Date.parse(`${wall![1]}T${wall![2]}:00Z`);
}

/** "2026-05-12 19:05:00": a wall-clock time without an offset, read in the zone the form names. */
const wallText = (wallMs: number) => new Date(wallMs).toISOString().slice(0, 19).replace("T", " ");

async function annotationsDrawn(canvas: Locator): Promise<Drawn | null> {
  const raw = await canvas.getAttribute("data-annotations-drawn");
  return raw ? (JSON.parse(raw) as Drawn) : null;
}

test("an editor pastes a CSV of failed sends, sees it around the incident, flips the zone with the timeline, zooms and downloads it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const title = `Failed sends ${stamp}`;
  const admin = demoAdmin();
  await signIn(page, admin.email, admin.password);
  await page.goto("/incidents/1");
  await expect(page.getByRole("heading", { level: 1, name: /Cache ran out of memory/ })).toBeVisible();
  await page.waitForLoadState("networkidle");

  // 1. A reading every 5 minutes from half an hour before the start to half an hour after the
  //    resolution, in the incident's wall-clock time (the form's zone for times without an offset).
  const started = await overviewTime(page, "Started");
  const resolved = await overviewTime(page, "Resolved");
  const rows = ["time,value"];
  for (let t = started - 30 * 60_000; t <= resolved + 30 * 60_000; t += 5 * 60_000) {
    const during = t >= started && t < resolved;
    rows.push(`${wallText(t)},${during ? 40 + ((t / 60_000) % 7) : 1}`);
  }

  const metrics = page.getByRole("region", { name: "Metrics", exact: true });
  const form = metrics.getByRole("form", { name: "Import metrics" });
  await form.getByRole("radio", { name: "Pasted text" }).check();
  await form.getByLabel("Pasted data").fill(rows.join("\n"));
  await form.getByLabel("Format").selectOption({ label: "CSV (time,value[,series])" });
  await form.getByLabel(/^Unit/).selectOption("errors/s");
  await form.getByLabel(/^Series name/).fill("Failed sends");
  await form.getByLabel(/^Source/).fill("messaging-api dashboard, failed sends per second");
  await form.getByLabel(/^Chart title/).fill(title);
  await expect(form.getByLabel(/^Time zone/)).toHaveValue("Europe/Berlin");
  await form.getByRole("button", { name: "Import", exact: true }).click();
  await expect(form.getByRole("status")).toContainText("Imported 1 series", { timeout: 30_000 });

  // 2. The new chart appears, takes the focus, and shows the incident window and the timeline's events.
  const card = metrics.getByRole("article", { name: title });
  await expect(card).toBeVisible();
  await expect(card).toBeFocused();
  const canvas = card.locator("canvas");
  await expect.poll(() => annotationsDrawn(canvas)).toMatchObject({ windows: 1 });
  expect((await annotationsDrawn(canvas))!.markers).toBeGreaterThanOrEqual(1);
  await expect(card.getByRole("rowheader", { name: "Failed sends" })).toBeVisible();
  await expect(card.getByRole("row", { name: /Failed sends/ })).toContainText(`${rows.length - 1}`);

  // 3. One zone toggle flips the chart's axis and the timeline's times together, from either side.
  const timeline = page.getByRole("region", { name: "Timeline", exact: true });
  await expect(canvas).toHaveAttribute("data-x-axis-title", "Time (CEST)");
  await expect(timeline.getByText("Times in Europe/Berlin (CEST)")).toBeVisible();
  await expect(timeline.locator("time", { hasText: "2026-05-12 19:00" }).first()).toBeVisible();
  const metricsUtc = metrics.getByRole("button", { name: "Show UTC" });
  await metricsUtc.click();
  await expect(metricsUtc).toHaveAttribute("aria-pressed", "true");
  await expect(canvas).toHaveAttribute("data-x-axis-title", "Time (UTC)");
  await expect(card.getByRole("row", { name: /Failed sends/ })).toContainText("UTC");
  await expect(timeline.getByText("Times in UTC")).toBeVisible();
  await expect(timeline.getByRole("button", { name: "Show UTC" })).toHaveAttribute("aria-pressed", "true");
  await expect(timeline.locator("time", { hasText: "2026-05-12 17:00" }).first()).toBeVisible();
  await timeline.getByRole("button", { name: "Show UTC" }).click();
  await expect(canvas).toHaveAttribute("data-x-axis-title", "Time (CEST)");
  await expect(metricsUtc).toHaveAttribute("aria-pressed", "false");

  // 4. Zooming asks the server for the window's detail and says how much it shows.
  const detail = card.getByTestId("chart-detail");
  await expect(detail).toContainText("Detail: level 0");
  const fullDetail = await detail.innerText();
  await card.getByRole("button", { name: "Zoom in" }).click();
  await expect(detail).toContainText("Detail: level");
  await expect(detail).not.toHaveText(fullDetail);
  await expect(card.getByRole("button", { name: "Reset zoom" })).toBeEnabled();
  await card.getByRole("button", { name: "Reset zoom" }).click();
  await expect(detail).toHaveText(fullDetail);

  // A drag across the plot shows a selection; Escape drops it, a drag to the end zooms.
  const box = (await canvas.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 });
  await expect(card.getByTestId("zoom-selection")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(card.getByTestId("zoom-selection")).toHaveCount(0);
  await page.mouse.up();
  await expect(detail).toHaveText(fullDetail);
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, y, { steps: 5 });
  await page.mouse.up();
  await expect(detail).not.toHaveText(fullDetail);
  await expect(card.getByRole("button", { name: "Reset zoom" })).toBeEnabled();

  // 5. The same chart as a PNG drawn on the server.
  const href = await card.getByRole("link", { name: /PNG/ }).getAttribute("href");
  expect(href).toMatch(/^\/api\/v1\/metric-charts\/[^/]+\/png\?tz=incident/);
  const png = await page.request.get(href!);
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  expect((await png.body()).subarray(1, 4).toString("latin1")).toBe("PNG");
});

test("pasted text the importers do not recognise is refused with a message, and nothing is added", async ({ page }) => {
  const admin = demoAdmin();
  await signIn(page, admin.email, admin.password);
  await page.goto("/incidents/1");
  await page.waitForLoadState("networkidle");
  const metrics = page.getByRole("region", { name: "Metrics", exact: true });
  const before = await metrics.getByRole("article").count();
  const form = metrics.getByRole("form", { name: "Import metrics" });

  // Nothing to send: said at once, next to the field.
  await form.getByRole("radio", { name: "Pasted text" }).check();
  await form.getByRole("button", { name: "Import", exact: true }).click();
  await expect(form.getByText("Paste the data first.")).toBeVisible();

  await form.getByLabel("Pasted data").fill("Meeting notes\nNothing to see here.\n");
  await form.getByRole("button", { name: "Import", exact: true }).click();
  await expect(form.getByRole("alert")).toContainText("nothing was saved", { timeout: 30_000 });
  await expect(form.getByLabel("Pasted data")).toHaveValue("Meeting notes\nNothing to see here.\n");
  await page.reload();
  await expect(page.getByRole("region", { name: "Metrics", exact: true }).getByRole("article")).toHaveCount(before);
});
