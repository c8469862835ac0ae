import { expect, test, type Locator, type Page } from "@playwright/test";
import { demoAdmin, signIn, signOut } from "./support";

/** A 1×1 transparent PNG (real magic bytes: the server sniffs the type, it does not trust the name). */
const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

const PASSWORD = "correct horse battery 42";

async function addUser(page: Page, email: string, name: string, role: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Initial password (at least 12 characters)").fill(PASSWORD);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toHaveText(`Added ${email}.`);
  await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();
}

/** The <time> cells of the timeline, in display order. */
async function timelineTimes(timeline: Locator): Promise<string[]> {
  return timeline.locator("ol > li time").allTextContents();
}

test("an editor writes a complete postmortem, a reviewer approves and publishes it, a manager sees its actions", async ({
  page,
  playwright,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const admin = demoAdmin();
  const reviewer = { email: `rita-${stamp}@example.test`, name: `Rita Reviewer ${stamp}` };
  const editor = { email: `eddie-${stamp}@example.test`, name: `Eddie Editor ${stamp}` };
  const title = `Messages not sent ${stamp}`;
  const service = `messaging-${stamp}`;

  // 1. The admin adds a reviewer and an editor.
  await signIn(page, admin.email, admin.password);
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await addUser(page, reviewer.email, reviewer.name, "reviewer");
  await addUser(page, editor.email, editor.name, "editor");
  await signOut(page);

  // 2. The editor opens an incident.
  await signIn(page, editor.email, PASSWORD);
  await page.goto("/incidents/new");
  await expect(page.getByRole("heading", { name: "New incident" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Severity").selectOption("2");
  await page.getByLabel("Time zone").selectOption("Europe/Berlin");
  await page.getByLabel("Impact started").fill("2026-05-12T19:00");
  await page.getByLabel("Detected").fill("2026-05-12T19:12");
  await page.getByLabel("Services").fill(service);
  await page.getByRole("button", { name: "Create incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);
  const incidentUrl = new URL(page.url()).pathname;
  await page.waitForLoadState("networkidle");

  // 3. Timeline: paste a chat log out of order, with one line that has no time.
  const timeline = page.getByRole("region", { name: "Timeline", exact: true });
  await timeline.getByRole("button", { name: "Paste timeline" }).click();
  const dialog = page.getByRole("dialog", { name: "Paste timeline" });
  await expect(dialog).toBeVisible();
  await dialog
    .getByLabel("Timeline text")
    .fill(
      [
        "May 12, 7:00 pm: 35% of our clients couldn't send messages",
        "At 22:30 CEST the root cause was identified",
        "- May 3: Our daily sign-ups grew by 30%",
        "2026-05-13T03:00:00Z Doubled the cache memory",
        "this line has no time",
      ].join("\n"),
    );
  await expect(dialog.getByRole("heading", { name: "Preview: 4 events, 1 line not read" })).toBeVisible();
  await expect(dialog.getByRole("row")).toHaveCount(5); // header + 4 events
  await expect(dialog.getByRole("listitem").filter({ hasText: "this line has no time" })).toContainText("Line 5:");
  await dialog.getByRole("button", { name: "Add 4 events" }).click();
  await expect(dialog).toBeHidden();
  await expect(timeline.getByRole("status")).toHaveText("Added 4 events from the paste.");
  await expect(timeline.getByText("Times in Europe/Berlin (CEST)")).toBeVisible();
  await expect
    .poll(() => timelineTimes(timeline))
    .toEqual(["2026-05-03", "2026-05-12 19:00", "2026-05-12 22:30", "2026-05-13 05:00:00"]);
  const items = timeline.locator("ol > li");
  await expect(items.nth(0)).toContainText("Our daily sign-ups grew by 30%");
  await expect(items.nth(1)).toContainText("35% of our clients couldn't send messages");
  await expect(items.nth(2)).toContainText("the root cause was identified");
  await expect(items.nth(3)).toContainText("Doubled the cache memory");
  await expect(timeline.getByText("this line has no time")).toHaveCount(0);

  const utcToggle = timeline.getByRole("button", { name: "Show UTC" });
  await utcToggle.click();
  await expect(utcToggle).toHaveAttribute("aria-pressed", "true");
  await expect(timeline.getByText("Times in UTC")).toBeVisible();
  await expect
    .poll(() => timelineTimes(timeline))
    .toEqual(["2026-05-03", "2026-05-12 17:00", "2026-05-12 20:30", "2026-05-13 03:00:00"]);
  await utcToggle.click();
  await expect(utcToggle).toHaveAttribute("aria-pressed", "false");
  await expect(items.nth(1).locator("time")).toHaveText("2026-05-12 19:00");

  // 4. Root causes: a trigger and a root cause, each with its whys.
  const causes = page.getByRole("region", { name: "Root causes", exact: true });
  const rootCauses = [
    {
      category: "capacity",
      trigger: true,
      description: `Sign-up growth exhausted the cache memory ${stamp}`,
      whys: ["The cache evicted session keys", "Memory was sized for last year's traffic", "Nobody owned capacity reviews"],
    },
    {
      category: "monitoring_gap",
      trigger: false,
      description: `No alert on cache evictions ${stamp}`,
      whys: ["Eviction metrics were not exported", "The dashboard template predates the cache"],
    },
  ];
  for (const [i, cause] of rootCauses.entries()) {
    await causes.getByRole("button", { name: "Add root cause" }).click();
    const form = causes.getByRole("form", { name: "Add root cause" });
    await expect(form).toBeVisible();
    await form.getByLabel("Category").selectOption(cause.category);
    await form.getByRole("radio", { name: cause.trigger ? "Trigger" : "Root cause" }).check();
    await form.getByLabel("Description").fill(cause.description);
    for (const [j, why] of cause.whys.entries()) {
      if (j > 0) await form.getByRole("button", { name: "Add why" }).click();
      await form.getByLabel(`Why ${j + 1}`, { exact: true }).fill(why);
    }
    await form.getByRole("button", { name: "Add root cause" }).click();
    await expect(form).toBeHidden();
    const item = causes.getByRole("listitem").filter({ hasText: cause.description });
    await expect(item).toBeVisible();
    await expect(item.getByText(cause.trigger ? "Trigger" : "Root cause", { exact: true })).toBeVisible();
    for (const why of cause.whys) await expect(item.getByText(why, { exact: true })).toBeVisible();
    await expect(causes.getByRole("button", { name: `Edit root cause ${i + 1}` })).toBeVisible();
  }

  // 5. Three action items, one already overdue.
  const actions = page.getByRole("region", { name: "Action items", exact: true });
  const actionItems = [
    {
      title: `Alert on cache evictions ${stamp}`,
      type: "detect",
      priority: "p1",
      owner: editor.name,
      due: "2026-05-20",
      overdue: true,
    },
    {
      title: `Autoscale the cache ${stamp}`,
      type: "prevent",
      priority: "p0",
      owner: reviewer.name,
      due: "2099-01-15",
      overdue: false,
    },
    {
      title: `Quarterly capacity review ${stamp}`,
      type: "process",
      priority: "p3",
      owner: editor.name,
      due: "2099-03-01",
      overdue: false,
    },
  ];
  for (const a of actionItems) {
    await actions.getByRole("button", { name: "Add action item" }).click();
    const form = actions.getByRole("form", { name: "Add action item" });
    await expect(form).toBeVisible();
    await form.getByLabel("Title").fill(a.title);
    await form.getByLabel("Type").selectOption(a.type);
    await form.getByLabel("Priority").selectOption(a.priority);
    await form.getByLabel("Owner").selectOption({ label: a.owner });
    await form.getByLabel("Due date").fill(a.due);
    await form.getByRole("button", { name: "Add action item" }).click();
    await expect(form).toBeHidden();
    const row = actions.getByRole("row").filter({ hasText: a.title });
    await expect(row).toBeVisible();
    await expect(row).toContainText(a.owner);
    await expect(row).toContainText(a.due);
    if (a.overdue) await expect(row.getByText("Overdue")).toBeVisible();
    else await expect(row.getByText("Overdue")).toHaveCount(0);
  }
  await expect(actions.getByRole("row")).toHaveCount(4); // header + 3

  // 6. Narrative: type the summary, upload an image through the toolbar, wait for the autosave.
  const summaryText = `Between 19:00 and 05:00 CEST a third of our clients could not send messages ${stamp}.`;
  const summary = page.getByRole("textbox", { name: "Summary", exact: true });
  await expect(summary).toBeVisible();
  const summaryEditor = summary.locator("xpath=ancestor::div[.//div[@role='toolbar']][1]");
  await summary.click();
  await page.keyboard.type(summaryText);
  await expect(summary).toContainText(summaryText);
  await summaryEditor.locator('input[type="file"]').setInputFiles({
    name: "error-rate.png",
    mimeType: "image/png",
    buffer: PNG_1X1,
  });
  const image = summary.locator("img");
  await expect(image).toHaveAttribute("src", /\/api\/v1\/attachments\//);
  await expect(image).toHaveAttribute("alt", "error-rate.png");
  await expect(summaryEditor.getByRole("alert")).toHaveCount(0);
  await expect(summaryEditor.getByRole("status")).toHaveText(/^Saved \d\d:\d\d$/, { timeout: 15_000 });
  // The uploaded image is served back.
  const src = await image.getAttribute("src");
  const served = await page.request.get(src!);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/png");
  // The text and the image survive a reload.
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Summary", exact: true })).toContainText(summaryText);
  await expect(page.getByRole("textbox", { name: "Summary", exact: true }).locator("img")).toHaveAttribute("src", src!);
  await page.waitForLoadState("networkidle");
  // The file is listed with the incident's attachments.
  const attachments = page.getByRole("region", { name: "Attachments", exact: true });
  await expect(attachments.getByRole("link", { name: "error-rate.png" })).toHaveAttribute("href", src!);

  // 7. Submit for review; the editor may not approve their own work.
  const review = page.getByRole("region", { name: "Postmortem review", exact: true });
  const badge = (panel: Locator) => panel.locator("#review-heading + span");
  await expect(badge(review)).toHaveText("Draft");
  await review.getByRole("button", { name: "Submit for review" }).click();
  await expect(badge(review)).toHaveText("In review");
  await expect(review.getByText("Submitted", { exact: true })).toBeVisible();
  const editorApprove = review.getByRole("button", { name: "Approve" });
  await expect(editorApprove).toBeDisabled();
  await expect(editorApprove).toHaveAccessibleDescription("Only reviewers and admins can approve.");
  await signOut(page);

  // The reviewer approves and publishes.
  await signIn(page, reviewer.email, PASSWORD);
  await page.goto(incidentUrl);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.waitForLoadState("networkidle");
  const reviewerPanel = page.getByRole("region", { name: "Postmortem review", exact: true });
  await expect(badge(reviewerPanel)).toHaveText("In review");
  await reviewerPanel.getByRole("button", { name: "Approve" }).click();
  await expect(badge(reviewerPanel)).toHaveText("Approved");
  await expect(reviewerPanel.getByText(`by ${reviewer.name}`)).toBeVisible();
  await reviewerPanel.getByRole("button", { name: "Publish" }).click();
  await expect(badge(reviewerPanel)).toHaveText("Published");
  await expect(reviewerPanel.getByRole("button", { name: "Reopen" })).toBeEnabled();
  // Published: the narrative is read-only HTML, with the text and the image.
  const narrative = page.getByRole("region", { name: "Postmortem", exact: true });
  await expect(narrative.getByText("Status: Published")).toBeVisible();
  await expect(narrative.getByRole("textbox")).toHaveCount(0);
  await expect(narrative.getByText(summaryText)).toBeVisible();
  await expect(narrative.locator(`img[src="${src}"]`)).toHaveCount(1);
  await signOut(page);

  // 8. A manager sees the incident's actions in the cross-incident view.
  await signIn(page, admin.email, admin.password);
  await page.goto("/actions");
  await expect(page.getByRole("heading", { name: "Action items", level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Service").selectOption(service);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`service=${service}`));
  await expect(page.getByText(/^3 action items\./)).toBeVisible();
  const table = page.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(4);
  for (const a of actionItems) {
    const row = table.getByRole("row").filter({ hasText: a.title });
    await expect(row).toBeVisible();
    await expect(row.getByRole("link", { name: new RegExp(title) })).toHaveAttribute("href", incidentUrl);
    await expect(row).toContainText(a.owner);
    if (a.overdue) await expect(row.getByText("Overdue")).toBeVisible();
    else await expect(row.getByText("Overdue")).toHaveCount(0);
  }
  // Overdue only narrows it to the one past its due date.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Overdue only").check();
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/overdue=1/);
  await expect(page.getByText(/^1 action item\./)).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row").filter({ hasText: actionItems[0].title })).toBeVisible();

  // The CSV export applies the same filters; without a session it is refused with the JSON error envelope.
  const csv = await page.request.get(`/api/v1/actions/export.csv?service=${service}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const csvText = await csv.text();
  for (const a of actionItems) expect(csvText).toContain(a.title);
  expect(csvText.trim().split("\r\n")).toHaveLength(1 + actionItems.length);
  const anonymous = await playwright.request.newContext({ baseURL: page.url() });
  const refused = await anonymous.get("/api/v1/actions/export.csv");
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  await anonymous.dispose();
});
