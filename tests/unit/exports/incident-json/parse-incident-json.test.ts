import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { encodeChunk, pointsSha256 } from "@/lib/metrics/point-store";
import { prepareIncidentJson } from "@/lib/exports/incident-json/parse-incident-json";
import { comparableIncidentJson } from "@/lib/exports/incident-json/comparable-incident-json";
import type { IncidentJson } from "@/lib/exports/incident-json/schema";

const AT = "2026-05-12T17:00:00.000Z";
const points = {
  times: new Float64Array([Date.parse(AT), Date.parse(AT) + 60_000]),
  values: new Float64Array([1.5, NaN]),
  length: 2,
};

/** A small but complete export: one person, one event with a deleted sibling, a comment thread, a chart. */
function file(): IncidentJson {
  return {
    format: "hindsight-incident",
    version: 1,
    exportedAt: AT,
    people: [{ email: "ana@example.test", name: "Ana", role: "editor", active: true }],
    severityLevel: { level: 2, name: "Major", description: "Major impact" },
    incident: {
      number: 7,
      title: "Cache ran out of memory",
      severity: 2,
      status: "resolved",
      summary: "",
      customerImpact: "",
      usersAffectedPct: null,
      tags: [],
      restricted: false,
      timeZone: "UTC",
      startedAt: AT,
      detectedAt: null,
      mitigatedAt: null,
      resolvedAt: AT,
      version: 2,
      createdBy: "ana@example.test",
      createdAt: AT,
      updatedAt: AT,
      observedPeakRps: null,
      observedPeakUsers: null,
      observedLoadNote: "",
      observedLoadVersion: 1,
      services: [],
      members: [],
      roles: [{ role: "commander", person: "ana@example.test" }],
      links: [],
    },
    template: null,
    postmortem: null,
    timelineEvents: [
      {
        ref: "event:1",
        occurredAt: AT,
        precision: "minute",
        kind: "note",
        text: "Alert",
        author: "ana@example.test",
        source: "manual",
        version: 1,
        createdAt: AT,
        updatedAt: AT,
      },
    ],
    rootCauses: [],
    actionItems: [],
    comments: [
      {
        ref: "comment:1",
        parent: null,
        onPostmortem: false,
        sectionKey: null,
        author: null,
        body: "Why?",
        resolvedAt: null,
        createdAt: AT,
        updatedAt: AT,
      },
      {
        ref: "comment:2",
        parent: "comment:1",
        onPostmortem: false,
        sectionKey: null,
        author: null,
        body: "Memory.",
        resolvedAt: null,
        createdAt: AT,
        updatedAt: AT,
      },
    ],
    attachments: [],
    metricCharts: [
      {
        ref: "chart:1",
        title: "Latency",
        kind: "line",
        position: 0,
        caption: "",
        version: 1,
        createdBy: null,
        createdAt: AT,
        updatedAt: AT,
        series: [
          {
            ref: "chart:1.series:1",
            position: 0,
            name: "p95",
            unit: "ms",
            source: "",
            format: "csv",
            labels: {},
            pointCount: 2,
            firstAt: AT,
            lastAt: "2026-05-12T17:01:00.000Z",
            minValue: 1.5,
            maxValue: 1.5,
            gapCount: 1,
            infiniteCount: 0,
            sha256: pointsSha256(points),
            version: 1,
            createdBy: null,
            createdAt: AT,
            updatedAt: AT,
            points: encodeChunk(points).toString("base64"),
          },
        ],
      },
    ],
    loadTestRuns: [],
    deliverables: [],
    revisions: [
      {
        entityType: "TimelineEvent",
        entity: "event:1",
        version: 1,
        author: null,
        snapshot: { id: "event:1", text: "Alert" },
        createdAt: AT,
      },
      {
        entityType: "TimelineEvent",
        entity: "gone:1",
        version: 1,
        author: null,
        snapshot: { id: "gone:1", deleted: true },
        createdAt: AT,
      },
    ],
  };
}

function refusal(input: unknown): AppError {
  try {
    prepareIncidentJson(input);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("VALIDATION");
    return e as AppError;
  }
  throw new Error("The file was accepted");
}

describe("prepareIncidentJson", () => {
  it("accepts a complete file given as text, with a fresh id for every record and deleted record", () => {
    const prepared = prepareIncidentJson(JSON.stringify(file()));
    expect([...prepared.ids.keys()].sort()).toEqual([
      "chart:1",
      "chart:1.series:1",
      "comment:1",
      "comment:2",
      "event:1",
      "gone:1",
      "incident",
    ]);
    expect(new Set(prepared.ids.values()).size).toBe(7);
    const series = prepared.series.get("chart:1.series:1");
    expect(series?.summary).toMatchObject({ pointCount: 2, gapCount: 1, minValue: 1.5 });
    expect(series?.chunks.map((c) => [c.level, c.count])).toEqual([[0, 2]]);
  });

  it("says when the text is not JSON, e.g. a file cut short", () => {
    const text = JSON.stringify(file());
    expect(refusal(text.slice(0, 200)).message).toMatch(/not valid JSON \(is it complete\?\)/);
  });

  it("names a file of another kind or version with one message", () => {
    expect(refusal([1, 2]).message).toContain("Expected a JSON object made by an incident export");
    expect(refusal({ format: "other", version: 1 }).fields).toEqual({
      format: [expect.stringContaining("Not a Hindsight incident export")],
    });
    expect(Object.keys(refusal({ ...file(), version: 2 }).fields ?? {})).toEqual(["version"]);
  });

  it("names the JSON path of wrong types, bad references and NUL characters", () => {
    const wrong = file() as unknown as Record<string, Record<string, unknown>[]>;
    wrong.timelineEvents[0].occurredAt = "yesterday";
    expect(refusal(wrong).fields).toHaveProperty(["timelineEvents.0.occurredAt"]);

    const refs = file();
    refs.comments[1] = { ...refs.comments[1], ref: "comment:1", parent: null };
    refs.comments[0].parent = "comment:9";
    refs.revisions[0].entity = "event:5";
    refs.timelineEvents[0].author = "bo@example.test";
    expect(refusal(refs).fields).toEqual({
      "comments.1.ref": ["The reference comment:1 is used twice"],
      "comments.0.parent": ["comment:9 is not one of comments"],
      "revisions.0.entity": ["event:5 names no record of this export"],
      "timelineEvents.0.author": ["bo@example.test is not listed in people"],
    });

    const loop = file();
    loop.comments[0].parent = "comment:2";
    expect(refusal(loop).fields).toHaveProperty(["comments.0.parent"], ["Replies form a loop"]);

    const nul = file();
    nul.timelineEvents[0].text = "a\u0000b";
    expect(refusal(nul).fields).toEqual({ "timelineEvents.0.text": ["Text cannot contain the NUL character (U+0000)"] });
  });

  it("checks metric points against their fingerprint and stated summary", () => {
    const tampered = file();
    tampered.metricCharts[0].series[0].maxValue = 9;
    expect(refusal(tampered).fields).toEqual({ "metricCharts.0.series.0.maxValue": ["Does not match the points"] });
    const cut = file();
    cut.metricCharts[0].series[0].points = encodeChunk(points).subarray(0, 24).toString("base64");
    expect(refusal(cut).fields).toHaveProperty(["metricCharts.0.series.0.points"]);
  });
});

describe("comparableIncidentJson", () => {
  it("drops only the export time, the number and people's roles where each database differs", () => {
    const a = file();
    const b = file();
    b.exportedAt = "2027-01-01T00:00:00.000Z";
    b.incident.number = 1;
    b.people[0] = { ...b.people[0], role: "viewer", active: false };
    b.revisions.push({
      entityType: "Incident",
      entity: "incident",
      version: 1,
      author: null,
      snapshot: { number: 1, title: "x" },
      createdAt: AT,
    });
    a.revisions.push({
      entityType: "Incident",
      entity: "incident",
      version: 1,
      author: null,
      snapshot: { number: 7, title: "x" },
      createdAt: AT,
    });
    expect(comparableIncidentJson(a)).toEqual(comparableIncidentJson(b));
    b.timelineEvents[0].text = "Other";
    expect(comparableIncidentJson(a)).not.toEqual(comparableIncidentJson(b));
  });
});
