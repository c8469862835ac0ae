import type { BlockBuilder } from "@/lib/exports/markdown/context";
import { heading, paragraph } from "@/lib/exports/markdown/mdast";
import { chartFigure } from "@/lib/exports/markdown/blocks/chart-figure";

/** Each metric chart under its own title, as an image with its text alternative and caption. */
export const metricChartsBlock: BlockBuilder = (ctx, _section, depth) => {
  const charts = ctx.data.charts;
  if (charts.length === 0) return [paragraph("No metric charts attached yet.")];
  return charts.flatMap((chart) => [heading(depth, chart.title), ...chartFigure(ctx, chart)]);
};
