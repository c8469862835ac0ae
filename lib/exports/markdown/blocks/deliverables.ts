import type { BlockBuilder } from "@/lib/exports/markdown/context";
import { link, paragraph, table, type Cell } from "@/lib/exports/markdown/mdast";

/** The grant programme's deliverables table: Number | Deliverable | Link | Notes | Engineering time. */
export const deliverablesBlock: BlockBuilder = (ctx) => {
  const deliverables = ctx.data.deliverables;
  if (deliverables.length === 0) return [paragraph("No deliverables recorded yet.")];
  const rows = deliverables.map((d): Cell[] => [
    d.number,
    d.title,
    d.link.trim() ? link(d.link.trim()) : "—",
    d.notes,
    d.engineeringTime,
  ]);
  return [table(["Number", "Deliverable", "Link", "Notes", "Engineering time"], rows)];
};
