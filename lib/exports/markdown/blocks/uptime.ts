import type { BlockBuilder } from "@/lib/exports/markdown/context";
import { paragraph } from "@/lib/exports/markdown/mdast";
import { formatNumber } from "@/lib/charts/format";

/** Uptime evidence arrives with the uptime issue; until then the block says so rather than showing nothing. */
export const uptimeBlock: BlockBuilder = (_ctx, section) => {
  const target = section.options.uptimeTarget;
  const sentence = "Uptime data is not available for this incident yet.";
  return [
    paragraph(target === undefined ? sentence : `${sentence} The target for this report is ${formatNumber(target)}% uptime.`),
  ];
};
