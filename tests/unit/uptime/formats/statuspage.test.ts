import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError } from "@/lib/imports/errors";
import { readFileHead, type ImportFile } from "@/lib/imports/files";
import { NO_PROGRESS } from "@/lib/imports/progress";
import { statuspageImporter } from "@/lib/uptime/formats/statuspage";
import type { ParsedUptime, UptimeImportContext } from "@/lib/uptime/types";
import { fileOf, temp } from "../../loadtests/support/importer-fixtures";

const INCIDENTS = path.resolve("tests/fixtures/uptime/statuspage/incidents.json");
const incidents = fileOf(INCIDENTS);
const ctx: UptimeImportContext = { progress: NO_PROGRESS, options: { timeZone: "Europe/Berlin" } };
const PAGE = "y2j98763l56x";
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function monitor(parsed: ParsedUptime, name: string) {
  const found = parsed.monitors.find((m) => m.name === name);
  expect(found, `monitor ${name}`).toBeDefined();
  return found!;
}

function timeline(parsed: ParsedUptime, name: string): [string | null, string][] {
  return monitor(parsed, name).samples.map((s) => [iso(s.at), s.status]);
}

/** The fixture with `change` applied to its parsed JSON, as a new file. */
function edited(
  name: string,
  change: (json: { page: Record<string, unknown>; incidents: Record<string, unknown>[] }) => unknown,
): ImportFile {
  const json = JSON.parse(readFileSync(INCIDENTS, "utf8"));
  const result = change(json);
  return temp(name, JSON.stringify(result ?? json));
}

async function parseError(files: ImportFile[]): Promise<ImportError> {
  const error = await statuspageImporter.parse(files, ctx).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe("Atlassian Statuspage importer", () => {
  it("makes one monitor per component and one for incidents on the whole page, in the page's zone", async () => {
    const parsed = await statuspageImporter.parse([incidents], ctx);
    expect(parsed.format).toBe("statuspage");
    expect(parsed.source).toBe("statuspage");
    expect(parsed.rowsRead).toBe(6 + 15);
    expect(parsed.monitors.map((m) => [m.sourceKey, m.name, m.target, m.kind, m.checkIntervalSec, m.timeZone])).toEqual([
      [`${PAGE}:b0kq9d1zx3lm`, "API", "https://status.acme.example", "other", null, "America/Los_Angeles"],
      [`${PAGE}:k3mw8r5vn2cj`, "Dashboard", "https://status.acme.example", "other", null, "America/Los_Angeles"],
      [`${PAGE}:t7ys2l9fh0pq`, "Websocket gateway", "https://status.acme.example", "other", null, "America/Los_Angeles"],
      [`${PAGE}:page`, "Acme Cloud (whole page)", "https://status.acme.example", "other", null, "America/Los_Angeles"],
    ]);
    // page.updated_at "2023-05-03T10:15:22.123-07:00".
    expect(parsed.monitors.every((m) => iso(m.dataEnd) === "2023-05-03T17:15:22.123Z")).toBe(true);
  });

  it("merges overlapping incidents of a component: the worst status at each instant, up when none is open", async () => {
    const parsed = await statuspageImporter.parse([incidents], ctx);
    // Minor latency incident 14:00–15:30 PDT, a major outage inside it 14:45–15:05; the times carry -07:00.
    expect(timeline(parsed, "API")).toEqual([
      ["2023-04-30T05:00:00.000Z", "up"],
      ["2023-05-02T21:00:00.000Z", "degraded"],
      ["2023-05-02T21:45:00.000Z", "down"],
      ["2023-05-02T22:05:12.240Z", "degraded"],
      ["2023-05-02T22:30:41.860Z", "up"],
    ]);
    expect(monitor(parsed, "API").samples[2].message).toBe("API outage");
    // The scheduled maintenance is a window, not an outage.
    expect(monitor(parsed, "API").maintenance).toEqual([
      {
        startsAt: Date.parse("2023-04-30T05:00:00.000Z"),
        endsAt: Date.parse("2023-04-30T05:45:00.000Z"),
        reason: "Database maintenance",
      },
    ]);
  });

  it("leaves an open incident down to the end of the data", async () => {
    const parsed = await statuspageImporter.parse([incidents], ctx);
    expect(timeline(parsed, "Websocket gateway")).toEqual([
      ["2023-04-30T05:00:00.000Z", "up"],
      ["2023-05-03T16:40:58.290Z", "down"],
    ]);
    const [outage] = monitor(parsed, "Websocket gateway").outages;
    expect(outage.endedAt).toBeNull();
    expect(outage.impact).toBe("major");
  });

  it("lets an update's component status refine the impact, and counts an incident without impact as degraded", async () => {
    const parsed = await statuspageImporter.parse([incidents], ctx);
    // Impact critical, but the component was set to partial_outage: degraded.
    expect(timeline(parsed, "Dashboard")).toEqual([
      ["2023-04-30T05:00:00.000Z", "up"],
      ["2023-05-01T06:30:00.000Z", "degraded"],
      ["2023-05-01T07:10:00.000Z", "up"],
    ]);
    expect(timeline(parsed, "Acme Cloud (whole page)")).toEqual([
      ["2023-04-30T05:00:00.000Z", "up"],
      ["2023-05-01T15:00:00.000Z", "degraded"],
      ["2023-05-01T16:00:00.000Z", "up"],
    ]);
  });

  it("reports each incident as an outage with its updates oldest first", async () => {
    const parsed = await statuspageImporter.parse([incidents], ctx);
    const outages = monitor(parsed, "API").outages;
    expect(outages.map((o) => [o.reference, o.title, o.url, iso(o.startedAt), iso(o.endedAt), o.impact])).toEqual([
      [
        "apilat0002bb",
        "Elevated API latency",
        "https://stspg.io/apilat",
        "2023-05-02T21:00:00.000Z",
        "2023-05-02T22:30:41.870Z",
        "minor",
      ],
      ["apiout0003cc", "API outage", "https://stspg.io/apiout", "2023-05-02T21:45:00.000Z", "2023-05-02T22:05:12.250Z", "major"],
    ]);
    expect(outages[0].source).toBe("statuspage");
    expect(outages[0].updates.map((u) => [iso(u.at), u.status, u.body])).toEqual([
      ["2023-05-02T21:02:10.101Z", "investigating", "API responses are slower than usual."],
      ["2023-05-02T22:10:00.000Z", "monitoring", "A fix has been deployed; we are monitoring."],
      ["2023-05-02T22:30:41.860Z", "resolved", "Latency is back to normal."],
    ]);
    expect(parsed.notes[0]).toContain(
      "time without an incident counts as up, from the first incident in the file (2023-04-30T05:00:00.000Z)",
    );
  });

  it("ends a resolved incident without resolved_at at its resolving update", async () => {
    const file = edited("no-resolved-at.json", (json) => {
      json.incidents[3].resolved_at = null;
    });
    const parsed = await statuspageImporter.parse([file], ctx);
    // At the "resolved" update, not at the postmortem written a day later.
    expect(iso(monitor(parsed, "Acme Cloud (whole page)").outages[0].endedAt)).toBe("2023-05-01T16:00:00.000Z");
  });

  it("refuses components.json: current status, no history", async () => {
    const file = edited("components.json", (json) => ({
      page: json.page,
      components: [{ id: "a", name: "API", status: "operational" }],
    }));
    const error = await parseError([file]);
    expect(error.message).toContain("this is Statuspage's components.json");
    expect(error.message).toContain("https://status.acme.example/api/v2/incidents.json");
  });

  it("reads summary.json with a note that it lists unresolved incidents only", async () => {
    const file = edited("summary.json", (json) => ({
      ...json,
      status: { indicator: "major" },
      components: [],
      incidents: [json.incidents[0]],
    }));
    const parsed = await statuspageImporter.parse([file], ctx);
    expect(parsed.monitors.map((m) => m.name)).toEqual(["Websocket gateway"]);
    expect(parsed.notes[0]).toContain("summary.json, which lists unresolved incidents only");
  });

  it("fails on a time that is no time, naming the field and its line", async () => {
    const file = edited("bad-time.json", (json) => {
      json.incidents[1].started_at = "last Tuesday";
    });
    const error = await parseError([file]);
    expect(error.field).toBe("incidents[1].started_at");
    expect(error.line).toBe(1);
    expect(error.message).toContain('"last Tuesday" is not a time');
  });

  it("fails on cut JSON naming the file", async () => {
    const error = await parseError([temp("cut.json", readFileSync(INCIDENTS, "utf8").slice(0, 2000))]);
    expect(error.file).toBe("cut.json");
    expect(error.message).toContain("is not valid JSON");
  });

  it("detects Statuspage responses and nothing else", async () => {
    const head = await readFileHead(incidents);
    expect(statuspageImporter.detect([head])).toBe(true);
    const kuma = await readFileHead(fileOf(path.resolve("tests/fixtures/uptime/kuma/status-page.json")));
    expect(statuspageImporter.detect([kuma])).toBe(false);
    expect(statuspageImporter.detect([head, kuma])).toBe(false);
  });
});
