/**
 * A postmortem document from ExportData and a template, as mdast: the title block, then the template's
 * sections in order (static text, narrative, data blocks), then "Other notes" for narrative the template
 * has no slot for. Stringified with remark-gfm + remark-stringify into GitHub-ready Markdown; the HTML
 * renderer builds from the same tree. The database is never read here.
 */
import { unified } from "unified";
import remarkGfm from "remark-gfm";
import remarkStringify from "remark-stringify";
import type { Heading, Root, RootContent } from "mdast";
import type { ExportData } from "@/lib/exports/export-data";
import { OTHER_NOTES_TITLE, type TemplateAudience, type TemplateDefinition, type TemplateSection } from "@/lib/templates/types";
import type { ChartLinks, DataSection, RenderContext } from "@/lib/exports/markdown/context";
import { formatInstant, severityLabel, incidentStatusLabel } from "@/lib/exports/markdown/context";
import { heading, paragraph, plainTextBlocks } from "@/lib/exports/markdown/mdast";
import { BLOCK_BUILDERS } from "@/lib/exports/markdown/blocks";
import { demoteHeadings, narrativeDocsToMdast, type NarrativeMdast } from "@/lib/exports/markdown/narrative";
import { sanitizeDocument } from "@/lib/exports/markdown/safe-url";
import { plainTextHandler } from "@/lib/exports/markdown/plain-text";
import { humanize } from "@/lib/incidents/constants";

import { visit } from "unist-util-visit";
import { attachmentIdFromSrc } from "@/lib/postmortems/content-schema";

export type { ChartLinks } from "@/lib/exports/markdown/context";

export type RenderOptions = {
  chartLinks: ChartLinks;
  /**
   * Where an image pasted into the narrative (`/api/v1/attachments/<id>`) points in this document:
   * a zip bundles the file and links it relatively. Left as the app's URL when omitted or null.
   */
  attachmentUrl?: (attachmentId: string) => string | null;
  /** Default: the template's audience. "customer" leaves out internal sections, names and Other notes. */
  audience?: TemplateAudience;
};

/** Long sections that read best starting on a new printed page (the HTML print stylesheet uses the class). */
const PAGE_BREAK_BLOCKS = new Set(["timeline", "metric_charts", "load_test_journal"]);
export const PAGE_BREAK_CLASS = "page-break";

const markdown = unified()
  .use(remarkGfm, { tablePipeAlign: false })
  .use(remarkStringify, {
    bullet: "-",
    emphasis: "_",
    strong: "*",
    fences: true,
    listItemIndent: "one",
    rule: "-",
    handlers: { text: plainTextHandler },
  })
  .freeze();

/** GitHub-ready Markdown of an mdast tree, with the settings every export shares. */
export function stringifyMarkdown(root: Root): string {
  return markdown.stringify(root);
}

export function renderPostmortemMarkdown(data: ExportData, template: TemplateDefinition, options: RenderOptions): string {
  return stringifyMarkdown(postmortemMdast(data, template, options));
}

export function postmortemMdast(data: ExportData, template: TemplateDefinition, options: RenderOptions): Root {
  const audience = options.audience ?? template.audience;
  const ctx: RenderContext = {
    data,
    template,
    audience,
    internal: audience === "internal",
    chartLinks: options.chartLinks,
    zone: data.incident.timeZone,
    chartsById: new Map(data.charts.map((c) => [c.id, c])),
  };
  const sections = template.sections.filter((s) => ctx.internal || !s.internal);

  // Every narrative slot of the template counts as mapped, shown or not: only the rest is "Other notes".
  const slotKeys = new Set(template.sections.filter((s) => s.kind === "narrative").map((s) => s.key));
  const shownSlots = sections.filter((s) => s.kind === "narrative").map((s) => s.key);
  const otherKeys = ctx.internal ? Object.keys(data.narrative).filter((key) => !slotKeys.has(key)) : [];
  const keys = [...shownSlots, ...otherKeys].filter((key) => data.narrative[key] !== undefined);
  const converted = narrativeDocsToMdast(keys.map((key) => data.narrative[key].content));
  const narrative = new Map(keys.map((key, i) => [key, converted[i]]));

  const children: RootContent[] = [...titleBlock(ctx)];
  for (const section of sections) children.push(...renderSection(ctx, section, narrative.get(section.key)));

  const otherNotes = otherKeys.filter((key) => narrative.get(key)?.status !== "empty");
  if (otherNotes.length > 0) {
    children.push(heading(2, OTHER_NOTES_TITLE));
    for (const key of otherNotes) {
      children.push(heading(3, data.narrative[key].title.trim() || humanize(key)), ...narrativeBody(narrative.get(key)!, 3));
    }
  }

  const root: Root = { type: "root", children };
  sanitizeDocument(root);
  if (options.attachmentUrl) {
    const relink = options.attachmentUrl;
    visit(root, "image", (node) => {
      const id = attachmentIdFromSrc(node.url);
      const url = id ? relink(id) : null;
      if (url) node.url = url;
    });
  }
  return root;
}

/** The incident's title, then one line of facts and one line saying what this document is. */
function titleBlock(ctx: RenderContext): RootContent[] {
  const { incident, exportedAt } = ctx.data;
  const facts = [
    `Incident #${incident.number}`,
    severityLabel(incident.severity.level, incident.severity.name),
    incidentStatusLabel(incident.status),
  ];
  facts.push(`started ${formatInstant(incident.startedAt, ctx.zone)}`);
  const about = `${ctx.template.name} (template version ${ctx.template.version}), exported ${formatInstant(exportedAt, ctx.zone)}`;
  return [heading(1, incident.title), paragraph(facts.join(" · "), { type: "break" }, about)];
}

function renderSection(ctx: RenderContext, section: TemplateSection, written: NarrativeMdast | undefined): RootContent[] {
  const title: Heading = heading(section.level, section.title);
  if (section.kind === "data" && section.level === 2 && breaksPage(section)) {
    title.data = { hProperties: { className: [PAGE_BREAK_CLASS] } };
  }
  switch (section.kind) {
    case "static":
      return [title, ...plainTextBlocks(section.text)];
    case "narrative":
      return [title, ...narrativeBody(written ?? { status: "empty" }, section.level)];
    case "data":
      return [title, ...BLOCK_BUILDERS[section.block](ctx, section, section.level + 1)];
  }
}

function breaksPage(section: DataSection): boolean {
  return PAGE_BREAK_BLOCKS.has(section.block) || (section.block === "root_causes" && section.options.withCharts === true);
}

function narrativeBody(written: NarrativeMdast, depth: number): RootContent[] {
  switch (written.status) {
    case "written":
      return demoteHeadings(written.content, depth);
    case "empty":
      return [paragraph("Nothing written for this section yet.")];
    case "invalid":
      return [paragraph("This section could not be displayed.")];
  }
}
