import type { RootContent } from "mdast";
import type { BlockBuilder, RenderContext } from "@/lib/exports/markdown/context";
import { label } from "@/lib/exports/markdown/context";
import { heading, list, paragraph, plainTextBlocks, strong } from "@/lib/exports/markdown/mdast";
import { chartFigure } from "@/lib/exports/markdown/blocks/chart-figure";

type RootCause = RenderContext["data"]["rootCauses"][number];

/**
 * One subsection per root cause: its description, the chain of whys as a numbered list and its
 * contributing factors. With `withCharts` (the executive RCA) each cause also shows its linked chart.
 */
export const rootCausesBlock: BlockBuilder = (ctx, section, depth) => {
  const causes = ctx.data.rootCauses;
  if (causes.length === 0) return [paragraph("No root causes recorded yet.")];
  const withCharts = section.options.withCharts === true;
  return causes.flatMap((cause, i) => rootCause(ctx, cause, i + 1, depth, withCharts));
};

export function rootCauseTitle(cause: RootCause, n: number): string {
  return `Root cause ${n}: ${label(cause.category)}${cause.isTrigger ? " (trigger)" : ""}`;
}

function rootCause(ctx: RenderContext, cause: RootCause, n: number, depth: number, withCharts: boolean): RootContent[] {
  const out: RootContent[] = [heading(depth, rootCauseTitle(cause, n))];
  const description = plainTextBlocks(cause.description);
  out.push(...(description.length > 0 ? description : [paragraph("No description written yet.")]));
  const whys = cause.whys.filter((w) => w.trim() !== "");
  if (whys.length > 0) {
    out.push(paragraph(strong("Why it happened")));
    out.push(
      list(
        whys.map((why) => plainTextBlocks(why)),
        true,
      ),
    );
  }
  const factors = cause.factors.filter((f) => f.trim() !== "");
  if (factors.length > 0) {
    out.push(paragraph(strong("Contributing factors")));
    out.push(list(factors.map((factor) => plainTextBlocks(factor))));
  }
  if (withCharts) {
    const chart = cause.chartId ? ctx.chartsById.get(cause.chartId) : undefined;
    if (chart) out.push(paragraph(strong("Evidence:"), ` ${chart.title}`), ...chartFigure(ctx, chart));
    else out.push(paragraph("No metric chart is linked to this root cause."));
  }
  return out;
}
