import { describe, expect, it } from "vitest";
import { parseTimelineText } from "@/lib/timeline/parse-timeline-text";
import { pasteToImportRows } from "@/lib/timeline/paste-to-import";
import { ImportTimelineEventsInput, resolveTimelineTime } from "@/lib/timeline/schema";

describe("pasteToImportRows", () => {
  const paste = [
    "May 3: sign-ups grew",
    "2026-05-12 19:02 Deployed config",
    "19:12:30 Alert fired",
    "19:40 UTC Rolled back",
  ].join("\n");

  it.each([
    ["Europe/Berlin", "2026-05-03", "2026-05-12T17:02:00.000Z", "2026-05-12T17:12:30.000Z"],
    ["UTC", "2026-05-03", "2026-05-12T19:02:00.000Z", "2026-05-12T19:12:30.000Z"],
    ["Asia/Tokyo", "2026-05-03", "2026-05-12T10:02:00.000Z", "2026-05-12T10:12:30.000Z"],
  ])("pasted in %s keeps the written day and exact instants", (zone, day, deployed, alert) => {
    const { events } = parseTimelineText(paste, { year: 2026, timeZone: zone });
    const rows = pasteToImportRows(events, zone, { 4: "resolution" });
    expect(rows).toEqual([
      { local: day, kind: "note", text: "sign-ups grew" },
      { at: deployed, precision: "minute", kind: "action", text: "Deployed config" },
      { at: alert, precision: "second", kind: "detection", text: "Alert fired" },
      { at: "2026-05-12T19:40:00.000Z", precision: "minute", kind: "resolution", text: "Rolled back" },
    ]);
    const parsed = ImportTimelineEventsInput.parse({ incidentNumber: 1, events: rows });
    // Whatever zone the paste was read in, the day event lands at midnight in the incident's zone.
    expect(resolveTimelineTime(parsed.events[0], "Europe/Berlin")).toEqual({
      occurredAt: new Date("2026-05-02T22:00:00.000Z"),
      precision: "day",
    });
    expect(parsed.events.slice(1).map((e) => resolveTimelineTime(e, "Europe/Berlin").occurredAt.toISOString())).toEqual([
      deployed,
      alert,
      "2026-05-12T19:40:00.000Z",
    ]);
  });
});
