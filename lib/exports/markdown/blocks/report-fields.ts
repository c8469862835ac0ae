import type { PhrasingContent } from "mdast";
import type { BlockBuilder } from "@/lib/exports/markdown/context";
import { link, list, paragraph, strong, text } from "@/lib/exports/markdown/mdast";

/** The application link and milestone number a grant report starts with. */
export const reportFieldsBlock: BlockBuilder = (ctx) => {
  const fields = ctx.data.postmortem?.fields ?? {};
  const application = fields.applicationLink?.trim() ?? "";
  const milestone = fields.milestoneNumber?.trim() ?? "";
  if (!application && !milestone) return [paragraph("No application link or milestone number recorded yet.")];
  const items: PhrasingContent[][] = [
    [strong("Application document:"), text(" "), application ? link(application) : text("Not recorded yet")],
    [strong("Milestone number:"), text(` ${milestone || "Not recorded yet"}`)],
  ];
  return [list(items)];
};
