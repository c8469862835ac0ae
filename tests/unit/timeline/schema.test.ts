import { describe, expect, it } from "vitest";
import {
  CreateTimelineEventInput,
  ImportTimelineEventsInput,
  UpdateTimelineEventInput,
  resolveTimelineTime,
} from "@/lib/timeline/schema";

const base = { incidentNumber: 7, kind: "note", text: "Alert fired" } as const;

describe("timeline input schema", () => {
  it.each([
    [{ local: "2026-05-12T19:05" }, true],
    [{ local: "2026-05-12 19:05:30" }, true],
    [{ local: "2026-05-12" }, true],
    [{ at: "2026-05-12T17:05:00Z" }, true],
    [{ at: "2026-05-12T19:05+02:00" }, true],
    [{ local: "2026-02-30" }, false],
    [{ local: "2026-05-12 24:00" }, false],
    [{ local: "12/05/2026 19:05" }, false],
    [{ at: "2026-05-12T17:05" }, false],
    [{}, false],
    [{ local: "2026-05-12", at: "2026-05-12T17:05:00Z" }, false],
  ])("time %j valid: %s", (time, ok) => {
    const r = CreateTimelineEventInput.safeParse({ ...base, ...time });
    expect(r.success).toBe(ok);
    if (!r.success) expect(r.error.issues.some((i) => i.path[0] === "local" || i.path[0] === "at")).toBe(true);
  });

  it("reports every field error at once", () => {
    const r = CreateTimelineEventInput.safeParse({ incidentNumber: 7, local: "nope", kind: "x", text: "" });
    expect(r.success).toBe(false);
    expect(new Set(r.error?.issues.map((i) => i.path.join(".")))).toEqual(new Set(["local", "kind", "text"]));
  });

  it("reports a missing time even when other fields are wrong", () => {
    const r = CreateTimelineEventInput.safeParse({ incidentNumber: 7, text: "" });
    expect(new Set(r.error?.issues.map((i) => i.path.join(".")))).toEqual(new Set(["local", "text"]));
  });

  it("accepts only the incident's zone or a real IANA zone", () => {
    expect(CreateTimelineEventInput.safeParse({ ...base, local: "2026-05-12", zone: "UTC" }).success).toBe(true);
    expect(CreateTimelineEventInput.safeParse({ ...base, local: "2026-05-12", zone: "Mars/Base" }).success).toBe(false);
    expect(CreateTimelineEventInput.parse({ ...base, local: "2026-05-12" }).zone).toBe("incident");
  });

  it("needs a version to update and names the row of a bad import", () => {
    expect(UpdateTimelineEventInput.safeParse({ id: "e1", local: "2026-05-12", text: "x" }).success).toBe(false);
    const r = ImportTimelineEventsInput.safeParse({
      incidentNumber: 7,
      events: [
        { local: "2026-05-12", text: "ok" },
        { at: "2026-05-12T17:05:00Z", text: "" },
      ],
    });
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["events.1.text"]);
    expect(ImportTimelineEventsInput.safeParse({ incidentNumber: 7, events: [] }).success).toBe(false);
  });
});

describe("resolveTimelineTime", () => {
  const berlin = "Europe/Berlin";
  it.each([
    [{ local: "2026-05-12T19:05", zone: "incident" }, "2026-05-12T17:05:00.000Z", "minute"],
    [{ local: "2026-05-12 19:05:30", zone: "incident" }, "2026-05-12T17:05:30.000Z", "second"],
    [{ local: "2026-05-12T19:05", zone: "UTC" }, "2026-05-12T19:05:00.000Z", "minute"],
    [{ local: "2026-01-12T19:05", zone: "America/New_York" }, "2026-01-13T00:05:00.000Z", "minute"],
    // A day event sits at midnight in the incident's zone, even when typed with UTC chosen.
    [{ local: "2026-05-03", zone: "incident" }, "2026-05-02T22:00:00.000Z", "day"],
    [{ local: "2026-05-03", zone: "UTC" }, "2026-05-02T22:00:00.000Z", "day"],
    [{ local: "2026-01-03", zone: "incident" }, "2026-01-02T23:00:00.000Z", "day"],
    // Clocks going back: a repeated wall time takes the earlier instant.
    [{ local: "2026-10-25T02:30", zone: "incident" }, "2026-10-25T00:30:00.000Z", "minute"],
    [{ at: "2026-05-12T17:05:42.900Z", zone: "incident" }, "2026-05-12T17:05:42.000Z", "second"],
    [{ at: "2026-05-12T19:05+02:00", zone: "incident" }, "2026-05-12T17:05:00.000Z", "minute"],
    [{ at: "2026-05-12T17:05:42Z", zone: "incident", precision: "minute" as const }, "2026-05-12T17:05:00.000Z", "minute"],
  ])("%j → %s (%s)", (time, iso, precision) => {
    const r = resolveTimelineTime(time, berlin);
    expect([r.occurredAt.toISOString(), r.precision]).toEqual([iso, precision]);
  });
});

describe("timeline input schema, hostile input", () => {
  it.each([null, undefined, "text", 42, []])("refuses %j without throwing", (value) => {
    expect(CreateTimelineEventInput.safeParse(value).success).toBe(false);
    expect(ImportTimelineEventsInput.safeParse({ incidentNumber: 1, events: [value] }).success).toBe(false);
  });
});
