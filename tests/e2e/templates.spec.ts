import { expect, test, type Page } from "@playwright/test";
import { demoAdmin, signIn, signOut } from "./support";

const PASSWORD = "correct horse battery 42";

async function addUser(page: Page, email: string, name: string, role: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Initial password (at least 12 characters)").fill(PASSWORD);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toHaveText(`Added ${email}.`);
}

test("a reviewer makes a template from a built-in; an editor switches to it and keeps what was written", async ({ page }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const admin = demoAdmin();
  const reviewer = { email: `tara-${stamp}@example.test`, name: `Tara Reviewer ${stamp}` };
  const editor = { email: `ed-${stamp}@example.test`, name: `Ed Editor ${stamp}` };
  const templateKey = `sre_comms_${stamp}`;
  const templateName = `SRE with customer comms ${stamp}`;
  const incidentTitle = `Checkout latency ${stamp}`;

  // 1. The admin adds a reviewer and an editor.
  await signIn(page, admin.email, admin.password);
  await page.goto("/admin/users");
  await page.waitForLoadState("networkidle");
  await addUser(page, reviewer.email, reviewer.name, "reviewer");
  await addUser(page, editor.email, editor.name, "editor");
  await signOut(page);

  // 2. The editor starts an incident on the default template and writes a trigger.
  await signIn(page, editor.email, PASSWORD);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Templates" }).click();
  await expect(page.getByRole("heading", { name: "Templates", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "New template" })).toHaveCount(0);
  await page.goto("/incidents/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Title").fill(incidentTitle);
  await page.getByLabel("Severity").selectOption("2");
  await page.getByLabel("Time zone").selectOption("Europe/Berlin");
  await page.getByLabel("Impact started").fill("2026-06-02T09:00");
  await page.getByLabel("Services").fill(`checkout-${stamp}`);
  await page.getByRole("button", { name: "Create incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name: incidentTitle })).toBeVisible();
  const incidentUrl = new URL(page.url()).pathname;
  const incidentNumber = Number(incidentUrl.split("/").pop());
  await page.waitForLoadState("networkidle");

  const narrative = page.getByRole("region", { name: "Postmortem", exact: true });
  await expect(narrative.getByRole("link", { name: "Google SRE postmortem, version 1" })).toBeVisible();
  const triggerText = `A deploy doubled the connection pool ${stamp}.`;
  const trigger = narrative.getByRole("textbox", { name: "Trigger", exact: true });
  await trigger.click();
  await page.keyboard.type(triggerText);
  const triggerEditor = trigger.locator("xpath=ancestor::div[.//div[@role='toolbar']][1]");
  await expect(triggerEditor.getByRole("status")).toHaveText(/^Saved \d\d:\d\d$/, { timeout: 15_000 });
  await signOut(page);

  // 3. The reviewer clones the built-in Google SRE template.
  await signIn(page, reviewer.email, PASSWORD);
  await page.goto("/templates");
  await page.getByRole("link", { name: "Google SRE postmortem", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Google SRE postmortem", level: 1 })).toBeVisible();
  await expect(page.getByText("Built-in templates cannot be edited.")).toBeVisible();
  await page.waitForLoadState("networkidle");
  const clone = page.getByRole("form", { name: "Clone template" });
  await clone.getByLabel("New key").fill(templateKey);
  await clone.getByLabel("New name").fill(templateName);
  await clone.getByRole("button", { name: "Clone" }).click();
  await expect(page).toHaveURL(new RegExp(`/templates/${templateKey}$`));
  await expect(page.getByRole("heading", { name: templateName, level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");

  // 4. It drops the Trigger section and adds a narrative section, moved up one place, then saves.
  const form = page.getByRole("form", { name: "Edit template" });
  await form.getByRole("button", { name: /^Remove Section \d+: Trigger$/ }).click();
  await expect(form.getByRole("group", { name: /: Trigger$/ })).toHaveCount(0);
  await form.getByRole("button", { name: "Add section" }).click();
  const added = form.getByRole("group").last();
  await expect(added.getByLabel("Kind")).toHaveValue("narrative");
  await added.getByLabel("Key").fill("customer_comms");
  await added.getByLabel("Title").fill("Customer communication");
  await added.getByLabel("Hint (what to write here)").fill("What we told customers, and when.");
  await form.getByRole("button", { name: /^Move Section \d+: Customer communication up$/ }).click();
  const comms = form.getByRole("group", { name: /^Section \d+: Customer communication$/ });
  await expect(form.getByRole("group").last()).not.toHaveAccessibleName(/Customer communication/);
  // A duplicate key is caught before anything is sent.
  await comms.getByLabel("Key").fill("summary");
  await form.getByRole("button", { name: "Save template" }).click();
  await expect(comms.getByText('The key "summary" is used twice.')).toBeVisible();
  await comms.getByLabel("Key").fill("customer_comms");
  await form.getByRole("button", { name: "Save template" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved as version 2.");
  await page.reload();
  await expect(page.getByText("Editing version 2")).toBeVisible();
  await expect(page.getByRole("group", { name: /: Customer communication$/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Version 1" })).toBeVisible();
  await page.waitForLoadState("networkidle");

  // 5. Preview on the editor's incident, in a sandboxed frame.
  await page.getByLabel("Incident number").fill(String(incidentNumber));
  await page.getByRole("button", { name: "Preview" }).click();
  const frame = page.locator('iframe[title="Template preview"]');
  await expect(frame).toHaveAttribute("sandbox", "");
  const doc = page.frameLocator('iframe[title="Template preview"]');
  await expect(doc.getByRole("heading", { name: incidentTitle })).toBeVisible({ timeout: 20_000 });
  await expect(doc.getByRole("heading", { name: "Customer communication" })).toBeVisible();
  // The section is gone from the template; what was written in it is kept under "Other notes".
  await expect(doc.getByRole("heading", { name: "Trigger", level: 2 })).toHaveCount(0);
  await expect(doc.getByRole("heading", { name: "Other notes", level: 2 })).toBeVisible();
  await expect(doc.getByRole("heading", { name: "Trigger", level: 3 })).toBeVisible();
  await expect(doc.getByText(triggerText)).toBeVisible();
  await signOut(page);

  // 6. The editor switches the incident to the new template: the new slot appears, the trigger stays under Other notes.
  await signIn(page, editor.email, PASSWORD);
  await page.goto(incidentUrl);
  await page.waitForLoadState("networkidle");
  const chooser = page.getByRole("form", { name: "Choose template" });
  await chooser.getByLabel("Postmortem template").selectOption(templateKey);
  await chooser.getByRole("button", { name: "Switch template" }).click();
  await expect(chooser.getByRole("status")).toHaveText(
    `Now using ${templateName}, version 2. 1 written section is kept under "Other notes".`,
  );
  await expect(narrative.getByRole("link", { name: `${templateName}, version 2` })).toBeVisible();
  await expect(narrative.getByRole("heading", { name: "Customer communication", level: 3 })).toBeVisible();
  await expect(narrative.getByText("What we told customers, and when.")).toBeVisible();
  await expect(narrative.getByRole("textbox", { name: "Customer communication", exact: true })).toBeVisible();
  await expect(narrative.getByRole("textbox", { name: "Trigger", exact: true })).toHaveCount(0);
  const otherNotes = narrative.getByRole("region", { name: "Other notes" });
  await expect(otherNotes.getByRole("heading", { name: "Trigger", level: 4 })).toBeVisible();
  const kept = otherNotes.getByRole("textbox", { name: "Other notes: Trigger", exact: true });
  await expect(kept).toContainText(triggerText);

  // Still there after a reload, and still editable.
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Other notes: Trigger", exact: true })).toContainText(triggerText);
  await page.waitForLoadState("networkidle");
  const commsText = page.getByRole("textbox", { name: "Customer communication", exact: true });
  await commsText.click();
  await page.keyboard.type(`Status page updated at 09:20 ${stamp}.`);
  const commsEditor = commsText.locator("xpath=ancestor::div[.//div[@role='toolbar']][1]");
  await expect(commsEditor.getByRole("status")).toHaveText(/^Saved \d\d:\d\d$/, { timeout: 15_000 });

  // An editor may not manage templates.
  await page.goto(`/templates/${templateKey}`);
  await expect(page.getByRole("form", { name: "Edit template" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Clone template" })).toHaveCount(0);
  await page.goto("/templates/new");
  await expect(page).toHaveURL(/\/forbidden/);
});
