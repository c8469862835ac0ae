import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page, type Route } from "@playwright/test";
import { demoAdmin, signIn } from "./support";

/** A real JMeter CSV JTL: 300 rows, of which 100 top-level requests (the rest are redirect sub-samples). */
const TAILSPIN_JTL = path.resolve("tests/fixtures/loadtests/e2e/tailspin-spacegame-results.jtl");

/** A promise the test resolves when it has seen what it wanted to see. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

async function openImportPage(page: Page, query = "") {
  await page.goto(`/load-tests/import${query}`);
  await expect(page.getByRole("heading", { level: 1, name: "Import a load-test run" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  return page.getByRole("form", { name: "Import a load-test run" });
}

test("an editor imports a JMeter JTL, links it to an incident and sees how far the test fell short of production", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const runName = `Tailspin staging smoke ${stamp}`;
  const admin = demoAdmin();
  await signIn(page, admin.email, admin.password);

  // 1. Choose the file with the keyboard-reachable picker; the format is left to detection.
  const form = await openImportPage(page);
  await expect(form.getByLabel("Format")).toHaveValue("auto");
  await form.locator('input[type="file"]').setInputFiles(TAILSPIN_JTL);
  await expect(form.getByRole("list", { name: "Chosen files" })).toContainText("tailspin-spacegame-results.jtl");
  await form.getByLabel(/^Name/).fill(runName);

  // 2. Both progress phases are shown. The real requests are held (not faked) until each bar was seen.
  const upload = gate();
  const polls = gate();
  await page.route("**/api/v1/load-tests", async (route) => {
    await upload.opened;
    await route.continue();
  });
  await page.route("**/api/v1/import-jobs/*", async (route) => {
    await polls.opened;
    await route.continue();
  });
  await form.getByRole("button", { name: "Import", exact: true }).click();
  await expect(form.getByRole("progressbar", { name: "Upload" })).toBeVisible();
  await expect(form.getByRole("status")).toHaveText("Uploading 1 file…");
  await expect(form.getByRole("button", { name: "Cancel import" })).toBeVisible();
  upload.open();
  const importBar = form.getByRole("progressbar", { name: "Import" });
  await expect(importBar).toBeVisible();
  await expect(form.getByRole("progressbar", { name: "Upload" })).toHaveAttribute("aria-valuenow", "100");
  polls.open();

  // 3. The job ends and the run page opens.
  await expect(page).toHaveURL(/\/load-tests\/(?!import\b)[^/?#]+$/, { timeout: 30_000 });
  await page.unrouteAll({ behavior: "ignoreErrors" });
  const runId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1, name: runName })).toBeVisible();
  // The run page's aggregate: 100 top-level requests (of 300 rows), none failed.
  const total = page.getByTestId("aggregate-table").getByRole("row", { name: /^Total\b/ });
  await expect(total).toContainText("100");
  await expect(total).toContainText("0.00%");

  // 4. The runs list shows the aggregate of the 100 top-level requests (sub-samples not counted):
  //    no errors, p95 269.75 ms by JMeter's percentile definition, 100 requests over 11.244 s, 2 threads at most.
  await page.goto(`/load-tests?q=${encodeURIComponent(stamp)}`);
  const row = page.getByRole("row", { name: new RegExp(runName) });
  await expect(row.getByRole("cell")).toHaveText([
    "",
    runName,
    "JMeter",
    "2020-09-27 12:16 UTC",
    "100",
    "0.00%",
    "270 ms",
    "8.89 req/s",
    "2",
    "—",
  ]);

  // 5. Link the run to demo incident #1 from the incident page, with a note.
  await page.goto("/incidents/1");
  const section = page.getByRole("region", { name: "Load tests" });
  await expect(section).toBeVisible();
  await page.waitForLoadState("networkidle");
  await section.getByLabel("Recent run").selectOption(runId);
  await section.getByLabel("Note", { exact: true }).fill("Smoke test of the staging slot before the swap");
  await section.getByRole("button", { name: "Link run" }).click();
  await expect(section.getByRole("link", { name: runName })).toBeVisible();
  await expect(section.getByRole("cell", { name: "Smoke test of the staging slot before the swap" })).toBeVisible();
  await expect(section).toContainText("Enter the load production saw during the incident");

  // 6. Enter the production peak; the gap statement compares it with the run's busiest second
  //    (12 top-level requests started in one second) and its 2 threads.
  await section.getByLabel("Peak requests per second").fill("40");
  await section.getByLabel("Peak concurrent users").fill("25");
  await section.getByLabel("Where the figures come from").fill("Front door request rate");
  await section.getByRole("button", { name: "Save production load" }).click();
  const gap = section.getByTestId("load-gap");
  await expect(gap).toContainText("Real traffic hit 40 req/s; the test peaked at 12 req/s (30% of it), 28 req/s short.");
  await expect(gap).toContainText("Real traffic hit 25 users; the test peaked at 2 users (8% of it), 23 users short.");
  await expect(section.getByRole("row", { name: new RegExp(runName) })).toContainText("30%");
  await expect(section.getByLabel("Peak requests per second")).toHaveValue("40");

  // 7. The runs list shows the link back to the incident; ticking two runs opens the comparison.
  await page.goto("/load-tests");
  await page.waitForLoadState("networkidle");
  const ours = page.getByRole("row", { name: new RegExp(runName) });
  await expect(ours.getByRole("link", { name: "#1" })).toBeVisible();
  const compare = page.getByRole("button", { name: /^Compare selected/ });
  await expect(compare).toBeDisabled();
  await ours.getByRole("checkbox").check();
  await page
    .getByRole("row", { name: /Checkout pre-launch, week 2/ })
    .getByRole("checkbox")
    .check();
  await expect(compare).toHaveText("Compare selected (2)");
  await compare.click();
  await expect(page).toHaveURL(new RegExp(`/load-tests/compare\\?runs=${runId},[^,&]+$`));
});

test("a file in no supported format is refused with the list of supported formats", async ({ page }) => {
  const admin = demoAdmin();
  await signIn(page, admin.email, admin.password);
  const form = await openImportPage(page);

  // Dropped on the drop zone, as a person would drag it from their desktop.
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(["Meeting notes\nNothing to see here.\n"], "meeting-notes.txt", { type: "text/plain" }));
    return dt;
  });
  await form.getByRole("group", { name: "Result files" }).dispatchEvent("drop", { dataTransfer });
  await expect(form.getByRole("list", { name: "Chosen files" })).toContainText("meeting-notes.txt");
  await form.getByRole("button", { name: "Import", exact: true }).click();

  const alert = form.getByRole("alert");
  await expect(alert).toContainText("meeting-notes.txt: could not recognise this file as a load-test result. Supported formats:");
  const everyFormat = [
    "jmeter-csv",
    "jmeter-xml",
    "jmeter-statistics",
    "k6-json",
    "k6-summary-export",
    "k6-handle-summary",
    "gatling-log",
    "gatling-stats",
    "locust-csv",
    "artillery-json",
    "autocannon-json",
    "ab-tsv",
  ];
  for (const id of everyFormat) {
    await expect(alert).toContainText(`(${id})`);
  }
  // The form stays filled in for a retry with another file or a stated format.
  await expect(form.getByRole("list", { name: "Chosen files" })).toContainText("meeting-notes.txt");
  await expect(form.getByRole("button", { name: "Import", exact: true })).toBeEnabled();
});

test("cancelling during the upload aborts it and imports nothing", async ({ page }) => {
  const stamp = Date.now().toString(36);
  const admin = demoAdmin();
  await signIn(page, admin.email, admin.password);
  const form = await openImportPage(page, "?incident=1");
  await expect(form.getByLabel(/^Link to incident/)).toHaveValue("1");
  await form.locator('input[type="file"]').setInputFiles(TAILSPIN_JTL);
  await form.getByLabel(/^Name/).fill(`Cancelled upload ${stamp}`);

  // The upload is held in the network layer so the cancel lands while it is in flight.
  let held: Route | undefined;
  await page.route("**/api/v1/load-tests", (route) => {
    held = route;
  });
  await form.getByRole("button", { name: "Import", exact: true }).click();
  await expect(form.getByRole("progressbar", { name: "Upload" })).toBeVisible();
  await form.getByRole("button", { name: "Cancel import" }).click();
  await expect(form.getByRole("status")).toHaveText("Upload cancelled; nothing was imported.");
  await expect(form.getByRole("progressbar")).toHaveCount(0);
  await held?.abort().catch(() => undefined);
  await page.unrouteAll({ behavior: "ignoreErrors" });

  await page.goto(`/load-tests?q=${encodeURIComponent(stamp)}`);
  await expect(page.getByText("No runs match these filters.")).toBeVisible();
});

test("the demo journal: a run's charts and capacity estimate, then two runs side by side", async ({ page }) => {
  test.setTimeout(90_000);
  const admin = demoAdmin();
  await signIn(page, admin.email, admin.password);
  await page.goto("/load-tests");
  await page.waitForLoadState("networkidle");
  await page.getByRole("link", { name: "Checkout pre-launch, week 2: 500 users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checkout pre-launch, week 2: 500 users" })).toBeVisible();
  await page.waitForLoadState("networkidle");

  // Three charts drawn on real canvases (throughput and errors, latency percentiles, users).
  const charts = page.locator("figure[data-chart]");
  await expect(charts).toHaveCount(3);
  for (const chart of await charts.all()) {
    const size = await chart.locator("canvas").evaluate((c: HTMLCanvasElement) => ({ w: c.width, h: c.height }));
    expect(size.w).toBeGreaterThan(100);
    expect(size.h).toBeGreaterThan(100);
  }
  // The same chart as a PNG drawn on the server: a real image of the requested size.
  const pngHref = await charts.first().getByRole("link", { name: /PNG/ }).getAttribute("href");
  const png = await page.request.get(pngHref!);
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  const bytes = await png.body();
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1200, 500]);

  // A stricter SLO lowers the sustained rate the run supports.
  const capacity = page.getByRole("form", { name: "Capacity limits" });
  const sustained = page.getByText("Highest sustained rate", { exact: false }).first();
  await expect(sustained).toBeVisible();
  await capacity.getByLabel(/p95 SLO/).fill("200");
  await capacity.getByRole("button", { name: "Estimate" }).click();
  await expect(page).toHaveURL(/sloMs=200/);
  await expect(page.getByText(/p95 ≤ 200 ms/).first()).toBeVisible();

  await page.goto("/load-tests");
  await page.waitForLoadState("networkidle");
  await page.getByRole("checkbox", { name: "Select Checkout pre-launch, week 1: 300 users" }).check();
  await page.getByRole("checkbox", { name: "Select Checkout pre-launch, week 2: 500 users" }).check();
  await page.getByRole("button", { name: /Compare selected/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Compare runs" })).toBeVisible();
  await expect(
    page
      .getByRole("heading", { name: "Checkout pre-launch, week 1: 300 users" })
      .or(page.getByText("Checkout pre-launch, week 1: 300 users").first()),
  ).toBeVisible();
  await expect(page.locator("figure[data-chart]").first()).toBeVisible();
});

test("the API takes a Locust run as several files in one upload and answers 202 with a job to poll", async ({
  page,
  playwright,
}) => {
  test.setTimeout(60_000);
  const admin = demoAdmin();
  await signIn(page, admin.email, admin.password);
  const dir = path.resolve("tests/fixtures/loadtests/locust");
  const form = new FormData();
  for (const name of ["shop_stats.csv", "shop_stats_history.csv", "shop_failures.csv"]) {
    form.append("file", new Blob([fs.readFileSync(path.join(dir, name))]), name);
  }
  form.append("name", "Locust via the API");
  const accepted = await page.request.post("/api/v1/load-tests", { multipart: form });
  expect(accepted.status()).toBe(202);
  const { job } = (await accepted.json()) as { job: { id: string; status: string } };
  expect(accepted.headers()["location"]).toBe(`/api/v1/import-jobs/${job.id}`);

  type Job = { status: string; format: string | null; resultId: string | null; message: string | null };
  let done: Job | null = null;
  for (let i = 0; i < 100 && !done; i++) {
    const polled = (await (await page.request.get(`/api/v1/import-jobs/${job.id}`)).json()) as { job: Job };
    if (polled.job.status !== "queued" && polled.job.status !== "running") done = polled.job;
    else await page.waitForTimeout(200);
  }
  expect(done?.status, done?.message ?? "").toBe("succeeded");
  expect(done?.format).toBe("locust-csv");
  await page.goto(`/load-tests/${done?.resultId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Locust via the API" })).toBeVisible();

  // Without a session the upload is refused before anything is stored.
  const anonymous = await playwright.request.newContext({ baseURL: page.url() });
  const refused = await anonymous.post("/api/v1/load-tests", { multipart: form });
  expect(refused.status()).toBe(401);
  await anonymous.dispose();
});
