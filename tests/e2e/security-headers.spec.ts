import { expect, test, type Page, type Response } from "@playwright/test";
import { demoAdmin, signIn, signOut } from "./support";

const PASSWORD = "correct horse battery 42";

/**
 * Everything the browser says about a blocked script, style, image or connection, and every page
 * error: the CSP event is caught in the page (init scripts run outside the page's policy), the
 * console lines catch what the event misses (a malformed header, a Permissions-Policy error).
 */
function watchViolations(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy|Permissions-Policy|Refused to/i.test(message.text())) {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

async function cspEvents(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

/** The document's security headers, and its scripts all carrying the header's nonce. */
async function expectSecureDocument(response: Response | null) {
  expect(response, "a document response").not.toBeNull();
  const headers = response!.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toBeTruthy();
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  const directives = Object.fromEntries(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(" ")];
    }),
  );
  expect(directives).toMatchObject({
    "default-src": "'self'",
    "script-src": `'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "connect-src": "'self'",
    "img-src": "'self' data: blob:",
  });
  expect(directives).not.toHaveProperty("upgrade-insecure-requests"); // served over plain http here
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(headers["cross-origin-resource-policy"]).toBe("same-site");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("microphone=()");
  expect(headers["strict-transport-security"]).toBeUndefined();
  expect(headers["x-powered-by"]).toBeUndefined();

  // Every script the server wrote carries the nonce; the chunks those load later need none ('strict-dynamic').
  const scripts = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  return nonce!;
}

async function visit(page: Page, path: string, ready: (page: Page) => Promise<void>): Promise<string> {
  const response = await page.goto(path);
  await ready(page);
  await page.waitForLoadState("networkidle");
  const nonce = await expectSecureDocument(response);
  expect(await cspEvents(page), `CSP violations on ${path}`).toEqual([]);
  return nonce;
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations?: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__cspViolations!.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
});

test("every main page is served with the security headers and runs with no CSP violation", async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchViolations(page);

  // Signed out: the sign-in page, with a fresh nonce on each load.
  const first = await visit(page, "/signin", (p) =>
    expect(p.getByRole("heading", { name: "Sign in to Hindsight" })).toBeVisible(),
  );
  const second = await visit(page, "/signin", (p) => expect(p.getByLabel("E-mail")).toBeVisible());
  expect(second).not.toBe(first);

  const admin = demoAdmin();
  await signIn(page, admin.email, admin.password);

  await visit(page, "/incidents", (p) => expect(p.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible());

  // An incident with metric charts (Chart.js on canvases) and the postmortem's TipTap editors.
  await visit(page, "/incidents/1", async (p) => {
    await expect(p.getByRole("heading", { level: 1, name: /Cache ran out of memory/ })).toBeVisible();
    const canvas = p.getByRole("region", { name: "Metrics", exact: true }).locator("canvas").first();
    await expect(canvas).toBeVisible();
    await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(100);
    await expect(p.locator(".ProseMirror").first()).toBeVisible();
  });
  // TipTap injected its stylesheet, and the policy let it apply (the browser's default is "normal").
  expect(await page.locator("style[data-tiptap-style]").count()).toBe(1);
  const proseMirrorWhiteSpace = await page
    .locator(".ProseMirror")
    .first()
    .evaluate((e) => getComputedStyle(e).whiteSpace);
  expect(proseMirrorWhiteSpace).toBe("break-spaces");

  await visit(page, "/load-tests", (p) => expect(p.getByRole("heading", { level: 1, name: "Load tests" })).toBeVisible());
  await page.getByRole("link", { name: "Checkout pre-launch, week 2: 500 users" }).click();
  await expect(page.locator("figure[data-chart] canvas")).toHaveCount(3);
  await visit(page, page.url(), async (p) => {
    const canvases = p.locator("figure[data-chart] canvas");
    await expect(canvases).toHaveCount(3);
    await expect.poll(() => canvases.first().evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(100);
  });

  await visit(page, "/templates", (p) => expect(p.getByRole("heading", { level: 1, name: "Templates" })).toBeVisible());
  await visit(page, "/monitors", (p) => expect(p.getByRole("heading", { level: 1 })).toBeVisible());
  const monitorHref = await page
    .locator("a[href^='/monitors/']")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href")).find((h) => h && !/\/(import|report)$/.test(h)));
  expect(monitorHref, "a demo monitor").toBeTruthy();
  await visit(page, monitorHref!, (p) => expect(p.getByRole("heading", { level: 1 })).toBeVisible());
  await visit(page, "/actions", (p) => expect(p.getByRole("heading", { level: 1, name: "Action items" })).toBeVisible());
  await visit(page, "/admin/audit", (p) => expect(p.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible());
  await visit(page, "/admin/users", (p) => expect(p.getByRole("heading", { level: 1, name: "Users" })).toBeVisible());
  await visit(page, "/settings/tokens", (p) => expect(p.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible());
  await visit(page, "/incidents/new", (p) => expect(p.getByRole("heading", { level: 1, name: "New incident" })).toBeVisible());
  await visit(page, "/incidents/999999", (p) => expect(p.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible());

  // A client-side navigation runs under the same policy.
  await page.getByRole("link", { name: "Incidents" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(await cspEvents(page)).toEqual([]);

  expect(problems).toEqual([]);
});

test("route handlers keep their own headers: the API is outside the proxy, https adds HSTS", async ({ page, request }) => {
  const admin = demoAdmin();
  await signIn(page, admin.email, admin.password);

  // No proxy on /api (upload bodies must not pass through one), yet the common headers are there.
  const api = await page.request.get("/api/v1/audit?limit=1");
  expect(api.status()).toBe(200);
  expect(api.headers()["content-security-policy"]).toBeUndefined();
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["x-frame-options"]).toBe("DENY");

  // The public share page keeps its own policy and referrer rule.
  const share = await request.get("/share/not-a-real-token");
  expect(share.status()).toBe(404);
  expect(share.headers()["content-security-policy"]).toBe(
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
  );
  expect(share.headers()["referrer-policy"]).toBe("no-referrer");

  // Behind a TLS-terminating proxy: HSTS, and plain-http subresources upgraded.
  const https = await request.get("/signin", { headers: { "X-Forwarded-Proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toBe("max-age=63072000");
  expect(https.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

test("an admin filters the audit log; an editor gets the forbidden page and a 403", async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchViolations(page);
  const stamp = Date.now().toString(36);
  const editor = { email: `audit-editor-${stamp}@example.test`, name: `Audrey Editor ${stamp}` };
  const admin = demoAdmin();
  await signIn(page, admin.email, admin.password);

  // Something to find: the admin adds an editor.
  await page.goto("/admin/users");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("E-mail").fill(editor.email);
  await page.getByLabel("Name").fill(editor.name);
  await page.getByLabel("Initial password (at least 12 characters)").fill(PASSWORD);
  await page.getByLabel("Role", { exact: true }).selectOption("editor");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toHaveText(`Added ${editor.email}.`);

  // The unfiltered log starts with it; then filter by action and text through the form.
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expect(page.getByTestId("audit-entry").first()).toContainText("user.create");
  const form = page.getByRole("search", { name: "Filter the audit log" });
  await form.getByLabel("Action").selectOption("user.create");
  await form.getByLabel("Who").selectOption(admin.email);
  await form.getByLabel("Text").fill(editor.email);
  await form.getByLabel("Time zone").selectOption("Europe/Berlin");
  await form.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=user\.create/);
  await expect(page).toHaveURL(/tz=Europe%2FBerlin/);
  const rows = page.getByTestId("audit-entry");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(admin.email);
  await expect(rows.first()).toContainText("User");
  await expect(page.getByRole("columnheader", { name: "When (Europe/Berlin)" })).toBeVisible();
  await expect(rows.first().locator("time")).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} CES?T$/);
  // The details open on demand and show what was recorded.
  await rows.first().locator("summary").click();
  await expect(rows.first().locator("pre")).toContainText(`"email": "${editor.email}"`);
  await expect(rows.first().locator("pre")).toContainText(`"role": "editor"`);

  // A filter that matches nothing says so; an invalid one says what to fix.
  await page.goto(`/admin/audit?q=${encodeURIComponent(`nothing-like-this-${stamp}`)}`);
  await expect(page.getByText("No entries match these filters.")).toBeVisible();
  await page.goto("/admin/audit?from=2026-13-01");
  await expect(page.getByRole("alert").filter({ hasText: "These filters need attention" })).toContainText(
    "From: Enter a date as YYYY-MM-DD",
  );

  // The same list over the API, one entry a page, and filtered by an action prefix.
  type ApiPage = { entries: { id: string; action: string; actor: { label: string } }[]; nextCursor: string | null };
  const first = await page.request.get("/api/v1/audit?limit=1");
  expect(first.status()).toBe(200);
  const firstPage = (await first.json()) as ApiPage;
  expect(firstPage.entries).toHaveLength(1);
  expect(firstPage.nextCursor).toBe(firstPage.entries[0].id);
  const next = (await (await page.request.get(`/api/v1/audit?limit=1&cursor=${firstPage.nextCursor}`)).json()) as ApiPage;
  expect(next.entries).toHaveLength(1);
  expect(BigInt(next.entries[0].id)).toBeLessThan(BigInt(firstPage.entries[0].id));
  const users = (await (
    await page.request.get(`/api/v1/audit?action=user.*&actor=${encodeURIComponent(admin.email)}`)
  ).json()) as ApiPage;
  expect(users.entries.length).toBeGreaterThan(0);
  expect(users.entries.every((e) => e.action.startsWith("user.") && e.actor.label === admin.email)).toBe(true);
  const bad = await page.request.get("/api/v1/audit?limit=0");
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error).toMatchObject({ code: "VALIDATION", fields: { limit: ["Ask for at least 1 entry"] } });
  await signOut(page);

  // The editor: no link, the forbidden page, and 403 from the API.
  await signIn(page, editor.email, PASSWORD);
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { name: "Your role does not allow this" })).toBeVisible();
  const forbidden = await page.request.get("/api/v1/audit");
  expect(forbidden.status()).toBe(403);
  expect((await forbidden.json()).error.code).toBe("FORBIDDEN");
  expect(await cspEvents(page)).toEqual([]);
  expect(problems).toEqual([]);
});
