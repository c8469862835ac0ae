/**
 * One postmortem export in any format, for the UI's download links, the API and the CLI:
 * `md` (one file; chart images link to the app), `zip` (report.md + charts/*.png linked relatively,
 * renders on GitHub as is), `html` (the same content, images inline, print stylesheet for PDF) and
 * `json` (the lossless incident export).
 */
import JSZip from "jszip";
import { z } from "zod";
import { validationError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { loadExportData, renderExportChartImages } from "@/lib/exports/load-export-data";
import { renderPostmortemMarkdown, type ChartLinks } from "@/lib/exports/markdown/render-markdown";
import { renderPostmortemHtml } from "@/lib/exports/html/render-html";
import { exportIncidentJson } from "@/lib/exports/incident-json/export-incident-json";
import { templateForPostmortem } from "@/lib/templates/postmortem-template";
import { templateDefinition } from "@/lib/templates/stored-template";
import { db } from "@/lib/db";
import type { JSONContent } from "@tiptap/core";
import { getAttachmentForUser } from "@/lib/attachments/get-attachment";
import { attachmentIdFromSrc } from "@/lib/postmortems/content-schema";
import { fileNameSlug } from "@/lib/text/slug";
import type { ExportData } from "@/lib/exports/export-data";
import type { TemplateAudience } from "@/lib/templates/types";

export const EXPORT_FORMATS = ["md", "zip", "html", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS, { message: `Choose a format: ${EXPORT_FORMATS.join(", ")}.` }).default("md"),
  /** Template key; the postmortem's pinned template when omitted. */
  template: z
    .string()
    .trim()
    .max(60)
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** Zone of times in charts: the incident's or UTC (tables always state the incident's zone). */
  tz: z.enum(["incident", "utc"]).default("incident"),
});
export type ExportQuery = z.input<typeof exportQuerySchema>;

export type ExportFile = { fileName: string; contentType: string; body: Buffer };

const IMAGE_EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
};

/** Attachments shown as images in the narrative, in document order. */
function narrativeAttachmentIds(data: ExportData): string[] {
  const ids = new Set<string>();
  const walk = (node: JSONContent) => {
    const src = node.type === "image" ? node.attrs?.src : undefined;
    const id = typeof src === "string" ? attachmentIdFromSrc(src) : null;
    if (id) ids.add(id);
    node.content?.forEach(walk);
  };
  for (const section of Object.values(data.narrative)) walk(section.content);
  return [...ids];
}

export async function exportIncident({
  actor,
  incidentNumber,
  query,
  appUrl,
  audience,
  templateVersion,
}: {
  actor: Actor;
  incidentNumber: number;
  query: unknown;
  /** Where the app is served, for chart links in a single Markdown file; without it those charts show as text. */
  appUrl?: string;
  /** Force the customer-facing rendering (public links) whatever the template says. */
  audience?: TemplateAudience;
  /** Render with this version of the named template (a public link keeps the version it was made with). */
  templateVersion?: number;
}): Promise<ExportFile> {
  const parsed = exportQuerySchema.safeParse(query ?? {});
  if (!parsed.success) throw validationError(parsed.error.issues);
  const { format, template: templateKey, tz } = parsed.data;
  const base = `incident-${incidentNumber}`;

  if (format === "json") {
    const json = await exportIncidentJson({ actor, incidentNumber });
    return {
      fileName: `${base}.json`,
      contentType: "application/json; charset=utf-8",
      body: Buffer.from(JSON.stringify(json, null, 2)),
    };
  }

  const template =
    templateKey && templateVersion !== undefined
      ? await templateDefinition(db(), templateKey, templateVersion)
      : await templateForPostmortem({ actor, incidentNumber, templateKey });
  const { data, chartSpecs } = await loadExportData({ actor, incidentNumber, tz });
  const name = `${base}-${fileNameSlug(template.key, 50) || "postmortem"}`;
  const options = audience ? { audience } : {};

  if (format === "md") {
    const chartLinks: ChartLinks = appUrl
      ? { kind: "absolute", urlFor: (chart) => `${appUrl.replace(/\/$/, "")}/api/v1/metric-charts/${chart.id}/png?tz=${tz}` }
      : { kind: "none" };
    // Pasted images as absolute links too: a single file may be read anywhere.
    const attachmentUrl = appUrl ? (id: string) => `${appUrl.replace(/\/$/, "")}/api/v1/attachments/${id}` : undefined;
    const markdown = renderPostmortemMarkdown(data, template, { chartLinks, attachmentUrl, ...options });
    return { fileName: `${name}.md`, contentType: "text/markdown; charset=utf-8", body: Buffer.from(markdown) };
  }

  const images = await renderExportChartImages(chartSpecs);
  if (format === "html") {
    const html = renderPostmortemHtml(data, template, { chartLinks: { kind: "relative" }, images, ...options });
    return { fileName: `${name}.html`, contentType: "text/html; charset=utf-8", body: Buffer.from(html) };
  }

  const zip = new JSZip();
  // Images pasted into the narrative travel with the report, so it renders on GitHub as is.
  const bundled = new Map<string, string>();
  for (const id of narrativeAttachmentIds(data)) {
    const attachment = await getAttachmentForUser({ actor, id }).catch(() => null);
    if (!attachment) continue;
    const path = `images/${id}.${IMAGE_EXTENSIONS[attachment.contentType] ?? "bin"}`;
    zip.file(path, attachment.data);
    bundled.set(id, path);
  }
  const attachmentUrl = (id: string) => bundled.get(id) ?? null;
  zip.file(
    "report.md",
    renderPostmortemMarkdown(data, template, { chartLinks: { kind: "relative" }, attachmentUrl, ...options }),
  );
  for (const [fileName, png] of images) zip.file(fileName, png);
  const body = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
  return { fileName: `${name}.zip`, contentType: "application/zip", body };
}
