import type { PhrasingContent, RootContent } from "mdast";
import type { BlockBuilder, RenderContext } from "@/lib/exports/markdown/context";
import { actionStatusLabel, formatDate, label } from "@/lib/exports/markdown/context";
import { link, list, paragraph, singleLine, strong, table, text, type Cell } from "@/lib/exports/markdown/mdast";

type Action = RenderContext["data"]["actions"][number];

const TYPE_WORDS: Record<Action["type"], string> = {
  prevent: "preventive",
  detect: "detection",
  mitigate: "mitigation",
  process: "process",
};

/**
 * Action items as a table (or, with `numbered`, a numbered list), optionally only some types. Owners,
 * priorities and tracker links are internal: customer-facing documents show what is being done and when.
 */
export const actionsBlock: BlockBuilder = (ctx, section) => {
  const types = section.options.actionTypes;
  const actions = types ? ctx.data.actions.filter((a) => types.includes(a.type)) : ctx.data.actions;
  if (actions.length === 0) return [paragraph(emptySentence(types))];
  if (section.options.numbered)
    return [
      list(
        actions.map((a) => numberedItem(ctx, a)),
        true,
      ),
    ];
  return [actionsTable(ctx, actions)];
};

function emptySentence(types: Action["type"][] | undefined): string {
  if (!types || types.length === 0) return "No action items recorded yet.";
  const words = types.map((t) => TYPE_WORDS[t]);
  const named = words.length === 1 ? words[0] : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
  return `No ${named} actions recorded yet.`;
}

function actionText(action: Action): PhrasingContent[] {
  const out: PhrasingContent[] = [text(singleLine(action.title))];
  const description = singleLine(action.description);
  if (description) out.push(text(` — ${description}`));
  return out;
}

function statusText(ctx: RenderContext, action: Action): string {
  const status = actionStatusLabel(action.status);
  return action.completedAt ? `${status} on ${formatDate(action.completedAt, ctx.zone)}` : status;
}

function actionsTable(ctx: RenderContext, actions: Action[]): RootContent {
  const header = ctx.internal
    ? ["Action", "Type", "Priority", "Owner", "Due", "Status", "Tracker"]
    : ["Action", "Type", "Due", "Status"];
  const rows = actions.map((a): Cell[] => {
    const cells: Cell[] = [actionText(a), label(a.type)];
    if (ctx.internal) cells.push(a.priority.toUpperCase(), a.owner ?? "Unassigned");
    cells.push(a.dueDate ?? "—", statusText(ctx, a));
    if (ctx.internal) cells.push(a.trackerUrl ? link(a.trackerUrl) : "—");
    return cells;
  });
  return table(header, rows);
}

/** "**Title** — description (Prevent, P1, due 2026-07-01, open; owner Jane Doe)". */
function numberedItem(ctx: RenderContext, action: Action): PhrasingContent[] {
  const out: PhrasingContent[] = [strong(singleLine(action.title))];
  const description = singleLine(action.description);
  if (description) out.push(text(` — ${description}`));
  const facts = [label(action.type)];
  if (ctx.internal) facts.push(action.priority.toUpperCase());
  if (action.dueDate) facts.push(`due ${action.dueDate}`);
  facts.push(statusText(ctx, action).replace(/^./, (c) => c.toLowerCase()));
  let tail = ` (${facts.join(", ")}`;
  if (ctx.internal && action.owner) tail += `; owner ${action.owner}`;
  out.push(text(`${tail})`));
  if (ctx.internal && action.trackerUrl) out.push(text(" "), link(action.trackerUrl));
  return out;
}
