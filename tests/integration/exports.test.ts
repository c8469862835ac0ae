import JSZip from "jszip";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import rehypeParse from "rehype-parse";
import { visit } from "unist-util-visit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser } from "./support/factories";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { createIncident } from "@/lib/incidents/create-incident";
import { createTimelineEvent } from "@/lib/timeline/create-timeline-event";
import { createRootCause } from "@/lib/rootcauses/create-root-cause";
import { createActionItem } from "@/lib/actions/create-action-item";
import { saveMetricSnapshot } from "@/lib/metrics/save-metric-snapshot";
import { ensureBuiltInTemplates } from "@/lib/templates/ensure-built-in-templates";
import { exportIncident } from "@/lib/exports/export-incident";
import { createCanvas } from "@napi-rs/canvas";
import { createAttachment } from "@/lib/attachments/create-attachment";
import { getNarrative } from "@/lib/postmortems/get-narrative";
import { saveSection } from "@/lib/postmortems/save-section";
import { createPublicShare, listPublicShares, renderPublicShare, revokePublicShare } from "@/lib/exports/public-shares";

type User = Extract<Actor, { kind: "user" }>;

function series(name: string, from: number, n: number, f: (i: number) => number) {
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    times[i] = from + i * 60_000;
    values[i] = f(i);
  }
  return { name, unit: "ms" as const, labels: {}, points: { times, values, length: n } };
}

describe.each(DATABASES)("postmortem exports on %s", (_kind, fresh) => {
  let database: TestDatabase;
  let editor: User, viewer: User;
  let number: number;

  beforeAll(async () => {
    database = await fresh();
    [editor, viewer] = await Promise.all([makeUser("editor"), makeUser("viewer")]);
    await db().user.update({ where: { id: editor.id }, data: { name: "Erin Editor" } });
    await ensureBuiltInTemplates();
    const incident = await createIncident({
      actor: editor,
      input: incidentInput({
        title: "Cache | ran `out` of memory",
        mitigatedAt: "2026-05-12T20:20",
        resolvedAt: "2026-05-12T21:00",
      }),
    });
    number = incident.number;
    await createTimelineEvent({
      actor: editor,
      input: {
        incidentNumber: number,
        local: "2026-05-12 19:12",
        kind: "detection",
        text: "Alert fired <script>alert(1)</script>",
      },
    });
    await createTimelineEvent({
      actor: editor,
      input: { incidentNumber: number, local: "2026-05-12 20:20", kind: "mitigation", text: "Doubled maxmemory | restarted" },
    });
    await createRootCause({
      actor: editor,
      input: {
        incidentId: incident.id,
        category: "capacity",
        description: "Cache sized for last year's traffic",
        whys: ["Nobody owned capacity"],
        factors: ["No memory alert"],
      },
    });
    await createActionItem({
      actor: editor,
      input: { incidentId: incident.id, title: "Alert at 80% of maxmemory", type: "detect", ownerId: editor.id },
    });
    // A screenshot pasted into the summary: the zip carries it beside the report.
    const png = await createCanvas(4, 4).encode("png");
    const attachment = await createAttachment({
      actor: editor,
      input: {
        incidentNumber: number,
        fileName: "dashboard.png",
        body: (async function* () {
          yield new Uint8Array(png);
        })(),
      },
    });
    const summary = await getNarrative({ actor: editor, input: { incidentNumber: number } });
    const version = summary.sections.find((sec) => sec.key === "summary")!.version;
    await saveSection({
      actor: editor,
      input: {
        incidentNumber: number,
        key: "summary",
        version,
        content: {
          type: "doc",
          content: [
            { type: "paragraph", content: [{ type: "text", text: "The dashboard at 19:12:" }] },
            { type: "image", attrs: { src: attachment.url, alt: "Grafana dashboard" } },
          ],
        },
      },
    });
    await saveMetricSnapshot({
      actor: editor,
      input: {
        incidentNumber: number,
        parsed: {
          format: "csv",
          series: [series("p95 latency", Date.parse("2026-05-12T16:30:00Z"), 120, (i) => 100 + i)],
          notes: [],
          rowsRead: 120,
        },
        source: "test",
        chartTitle: "API latency",
      },
    });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("exports Markdown that parses back with its timeline table and no live HTML", async () => {
    const file = await exportIncident({
      actor: viewer,
      incidentNumber: number,
      query: { format: "md", template: "google_sre" },
      appUrl: "http://app.test",
    });
    expect(file.fileName).toBe(`incident-${number}-google-sre.md`);
    const markdown = file.body.toString("utf8");
    const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
    // The title comes back as the same text: backticks and pipes were escaped, not interpreted.
    const heading = tree.children.find((n) => n.type === "heading" && n.depth === 1);
    const titleText: string[] = [];
    if (heading) visit(heading, "text", (n) => void titleText.push(n.value));
    expect(titleText.join("")).toBe("Cache | ran `out` of memory");
    const html: string[] = [];
    const images: string[] = [];
    visit(tree, "html", (n) => void html.push(n.value));
    visit(tree, "image", (n) => void images.push(n.url));
    expect(html.join("")).not.toContain("<script");
    // Charts and pasted images both point at the app, absolutely: the file may be read anywhere.
    expect(images).toHaveLength(2);
    expect(images.filter((u) => /^http:\/\/app\.test\/api\/v1\/metric-charts\/[^/]+\/png/.test(u))).toHaveLength(1);
    expect(images.filter((u) => /^http:\/\/app\.test\/api\/v1\/attachments\/[\w-]+$/.test(u))).toHaveLength(1);
  });

  it("zips report.md with charts and pasted images whose relative links resolve inside the zip", async () => {
    const file = await exportIncident({
      actor: viewer,
      incidentNumber: number,
      query: { format: "zip", template: "executive_rca" },
    });
    const zip = await JSZip.loadAsync(file.body);
    const report = await zip.file("report.md")!.async("string");
    const tree = unified().use(remarkParse).use(remarkGfm).parse(report);
    const images: string[] = [];
    visit(tree, "image", (n) => void images.push(n.url));
    expect(images.filter((u) => u.startsWith("images/"))).toHaveLength(1);
    expect(report).not.toContain("/api/v1/attachments/");
    for (const url of images) {
      expect(url).toMatch(/^(charts|images)\/[\w-]+\.png$/);
      const png = await zip.file(url)!.async("nodebuffer");
      expect(png.subarray(1, 4).toString()).toBe("PNG");
    }
    expect(Object.keys(zip.files).filter((f) => f.startsWith("charts/") && f.endsWith(".png"))).toEqual([
      "charts/01-api-latency.png",
    ]);
  });

  it("renders HTML with the charts inline and nothing executable", async () => {
    const file = await exportIncident({ actor: viewer, incidentNumber: number, query: { format: "html" } });
    const html = file.body.toString("utf8");
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain("data:image/png;base64,");
    expect(html).toContain("@media print");
    // Parsed as a browser would: no script element and no event handler anywhere (text may quote them, inertly).
    const tree = unified().use(rehypeParse).parse(html);
    visit(tree, "element", (el) => {
      expect(el.tagName).not.toBe("script");
      for (const name of Object.keys(el.properties ?? {})) expect(name.toLowerCase().startsWith("on")).toBe(false);
    });
    expect(html).toContain("Cache | ran");
  });

  it("shares a customer-facing version by link without names, and revokes it", async () => {
    await expect(createPublicShare({ actor: viewer, input: { incidentNumber: number } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      createPublicShare({ actor: editor, input: { incidentNumber: number, template: "google_sre" } }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
    const share = await createPublicShare({ actor: editor, input: { incidentNumber: number } });
    expect(share.token.length).toBeGreaterThan(30);
    const stored = await db().publicShare.findUniqueOrThrow({ where: { id: share.id } });
    expect(stored.tokenHash).not.toContain(share.token);
    const html = await renderPublicShare(share.token);
    expect(html).toContain("Cache | ran");
    expect(html).not.toContain("Erin Editor");
    expect(html).not.toContain(editor.email);
    const [listed] = await listPublicShares({ actor: viewer, incidentNumber: number });
    expect(listed).toMatchObject({ id: share.id, templateKey: "customer_summary", revokedAt: null });
    expect(listed.lastViewedAt).not.toBeNull();
    await revokePublicShare({ actor: editor, input: { shareId: share.id } });
    await expect(renderPublicShare(share.token)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(renderPublicShare("x".repeat(43))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses unknown formats and templates with a clear error", async () => {
    await expect(exportIncident({ actor: viewer, incidentNumber: number, query: { format: "pdf" } })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { format: expect.any(Array) },
    });
    await expect(exportIncident({ actor: viewer, incidentNumber: number, query: { template: "nope" } })).rejects.toMatchObject({
      code: expect.stringMatching(/VALIDATION|NOT_FOUND/),
    });
  });
});
