import type { BlockBuilder } from "@/lib/exports/markdown/context";
import { list, paragraph, plainTextBlocks, text } from "@/lib/exports/markdown/mdast";
import { rootCauseTitle } from "@/lib/exports/markdown/blocks/root-causes";

/** Every contributing factor, each naming the root cause it belongs to. */
export const contributingFactorsBlock: BlockBuilder = (ctx) => {
  const items = ctx.data.rootCauses.flatMap((cause, i) =>
    cause.factors
      .filter((f) => f.trim() !== "")
      .map((factor) => {
        const [first, ...rest] = plainTextBlocks(factor);
        first.children.push(text(` (${rootCauseTitle(cause, i + 1)})`));
        return [first, ...rest];
      }),
  );
  if (items.length === 0) return [paragraph("No contributing factors recorded yet.")];
  return [list(items)];
};
