import type { RootContent } from "mdast";
import type { BlockBuilder, RenderContext } from "@/lib/exports/markdown/context";
import { abbreviationAt, label } from "@/lib/exports/markdown/context";
import { paragraph, table, type Cell } from "@/lib/exports/markdown/mdast";
import { formatInZone } from "@/lib/time/zones";
import { PRECISION_PATTERNS } from "@/lib/timeline/display";

type TimelineEvent = RenderContext["data"]["timeline"][number];

/**
 * The timeline as a table whose header names the zone: "Time (CEST, Europe/Berlin)". When events fall
 * on both sides of a daylight-saving change, each time carries its own abbreviation (CEST or CET).
 * Day-precision events show the date only; authors are left out of customer-facing documents.
 */
export const timelineBlock: BlockBuilder = (ctx) => {
  const events = ctx.data.timeline;
  if (events.length === 0) return [paragraph("No timeline events recorded yet.")];
  const zone = ctx.zone;
  const timed = events.filter((e) => e.precision !== "day");
  const abbreviations = [...new Set(timed.map((e) => abbreviationAt(new Date(e.occurredAt), zone)))];
  const perEventZone = abbreviations.length > 1;
  const header = [timeHeader(zone, abbreviations), "Kind", "Event"];
  if (ctx.internal) header.push("Author");
  const rows = events.map((event): Cell[] => {
    const cells: Cell[] = [eventTime(event, zone, perEventZone), label(event.kind), event.text];
    if (ctx.internal) cells.push(event.author ?? "—");
    return cells;
  });
  const out: RootContent[] = [table(header, rows)];
  return out;
};

function timeHeader(zone: string, abbreviations: string[]): string {
  if (zone === "UTC" || zone === "Etc/UTC") return "Time (UTC)";
  if (abbreviations.length === 0) return `Date (${zone})`;
  return `Time (${abbreviations.join("/")}, ${zone})`;
}

function eventTime(event: TimelineEvent, zone: string, withZone: boolean): string {
  const instant = new Date(event.occurredAt);
  const shown = formatInZone(instant, zone, PRECISION_PATTERNS[event.precision]);
  return withZone && event.precision !== "day" ? `${shown} ${abbreviationAt(instant, zone)}` : shown;
}
