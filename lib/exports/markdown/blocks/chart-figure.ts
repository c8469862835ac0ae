import type { Image, RootContent } from "mdast";
import type { ExportChart } from "@/lib/exports/export-data";
import type { RenderContext } from "@/lib/exports/markdown/context";
import { emphasis, paragraph, singleLine } from "@/lib/exports/markdown/mdast";

/** The chart's URL in this document, or null when charts are given as text only. */
export function chartUrl(ctx: RenderContext, chart: ExportChart): string | null {
  switch (ctx.chartLinks.kind) {
    case "relative":
      return chart.fileName;
    case "absolute":
      return ctx.chartLinks.urlFor(chart);
    case "none":
      return null;
  }
}

/** A chart as an image with its text alternative and caption; as the text alternative alone without images. */
export function chartFigure(ctx: RenderContext, chart: ExportChart): RootContent[] {
  const url = chartUrl(ctx, chart);
  const out: RootContent[] = [];
  if (url === null) {
    out.push(paragraph(chart.alt || chart.title));
  } else {
    // No title attribute: the chart's title is already in the heading or line above it.
    const image: Image = { type: "image", url, alt: singleLine(chart.alt || chart.title), title: null };
    out.push(paragraph(image));
  }
  if (chart.caption.trim()) out.push(paragraph(emphasis(singleLine(chart.caption))));
  return out;
}
