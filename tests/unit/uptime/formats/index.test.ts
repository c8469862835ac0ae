import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { ImportError } from "@/lib/imports/errors";
import type { ImportFile } from "@/lib/imports/files";
import { NO_PROGRESS } from "@/lib/imports/progress";
import { chooseUptimeImporter, UPTIME_IMPORTERS, uptimeImporterById } from "@/lib/uptime/formats";
import { parseUptime } from "@/lib/uptime/parse-uptime";
import { UPTIME_FORMAT_IDS, type UptimeImportContext } from "@/lib/uptime/types";
import { fileOf, temp } from "../../loadtests/support/importer-fixtures";

const UPTIME = path.resolve("tests/fixtures/uptime");
const fixture = (relative: string) => fileOf(path.join(UPTIME, relative));
const ctx: UptimeImportContext = { progress: NO_PROGRESS, options: { timeZone: "Europe/Berlin" } };

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe("uptime format detection", () => {
  it("lists one importer per format id", () => {
    expect(UPTIME_IMPORTERS.map((i) => i.id).sort()).toEqual([...UPTIME_FORMAT_IDS].sort());
  });

  it.each<[string, ImportFile[], string]>([
    ["kuma.db", [fixture("kuma/kuma.db")], "uptime-kuma-db"],
    ["Kuma's data directory", [temp("kuma.db-wal", ""), fixture("kuma/kuma.db")], "uptime-kuma-db"],
    ["the Kuma heartbeat JSON", [fixture("kuma/status-page-heartbeat.json")], "uptime-kuma-heartbeat"],
    ["the Kuma pair", [fixture("kuma/status-page.json"), fixture("kuma/status-page-heartbeat.json")], "uptime-kuma-heartbeat"],
    ["the Kuma status page JSON alone", [fixture("kuma/status-page.json")], "uptime-kuma-heartbeat"],
    ["Statuspage incidents.json", [fixture("statuspage/incidents.json")], "statuspage"],
    [
      "Prometheus responses",
      [fixture("prometheus/probe-success.json"), fixture("prometheus/probe-duration-seconds.json")],
      "prometheus",
    ],
    [
      "an Upptime history file",
      [{ ...temp("site.yml", "url: https://a.example\nstatus: up\n"), name: "history/site.yml" }],
      "upptime",
    ],
    [
      "a plain CSV",
      [temp("checks.csv", "timestamp,status,latency_ms\n2026-01-01T00:00:00Z,up,12\n2026-01-01T00:01:00Z,down,\n")],
      "csv",
    ],
  ])("detects %s", async (_, files, id) => {
    expect((await chooseUptimeImporter(files)).id).toBe(id);
  });

  it("takes the stated format without looking, and refuses an unknown one listing the formats", async () => {
    expect((await chooseUptimeImporter([fixture("statuspage/incidents.json")], "prometheus")).id).toBe("prometheus");
    expect((await chooseUptimeImporter([fixture("kuma/kuma.db")], "auto")).id).toBe("uptime-kuma-db");
    const error = await rejection(chooseUptimeImporter([fixture("kuma/kuma.db")], "pingdom"));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("VALIDATION");
    expect(error.message).toContain('Unknown uptime format "pingdom"');
    expect(error.message).toContain("Uptime Kuma database (kuma.db) (uptime-kuma-db)");
    expect(() => uptimeImporterById("statuspage")).not.toThrow();
  });

  it("refuses Kuma's backup JSON before trying any format", async () => {
    const error = await rejection(chooseUptimeImporter([fixture("kuma/backup.json")]));
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).file).toBe("backup.json");
    expect(error.message).toContain(
      "it holds monitor settings and notifications but no heartbeats, so it is not an uptime source",
    );
    expect(error.message).toContain("Upload kuma.db");
  });

  it("says which formats it knows when nothing matches, and when the files are empty", async () => {
    const error = await rejection(chooseUptimeImporter([temp("notes.txt", "nothing to see here\n")]));
    expect(error).toBeInstanceOf(ImportError);
    expect(error.message).toContain("notes.txt: could not recognise this file as uptime data. Supported formats:");
    expect(error.message).toContain("Atlassian Statuspage incidents.json (statuspage)");
    const empty = await rejection(chooseUptimeImporter([temp("empty.json", "")]));
    expect(empty.message).toBe("empty.json: the file is empty.");
  });
});

describe("parseUptime", () => {
  it("parses with the detected importer and leaves out monitors with no data, saying which", async () => {
    const { importer, parsed } = await parseUptime([fixture("kuma/kuma.db")], ctx);
    expect(importer.id).toBe("uptime-kuma-db");
    expect(parsed.monitors.map((m) => m.name)).toEqual(["Website", "API port", "Resolver"]);
    expect(parsed.notes).toContain('Monitor "Nightly job" had no samples and no reported outages and was left out.');
  });

  it("sorts samples and keeps one per instant, whatever the importer gave", async () => {
    const file = temp(
      "kuma-dupes.json",
      JSON.stringify({
        heartbeatList: {
          "1": [
            { status: 1, time: "2023-04-03 06:01:00", ping: 1 },
            { status: 0, time: "2023-04-03 06:00:00", ping: null },
            { status: 1, time: "2023-04-03 06:01:00", ping: 2 },
          ],
        },
      }),
    );
    const { parsed } = await parseUptime([file], ctx);
    expect(parsed.monitors[0].samples.map((s) => [new Date(s.at).toISOString(), s.status, s.latencyMs])).toEqual([
      ["2023-04-03T06:00:00.000Z", "down", null],
      ["2023-04-03T06:01:00.000Z", "up", 2],
    ]);
  });

  it("refuses an upload with no data at all", async () => {
    const file = temp("kuma-empty.json", JSON.stringify({ heartbeatList: { "1": [], "2": [] }, uptimeList: {} }));
    const error = await rejection(parseUptime([file], ctx));
    expect(error).toBeInstanceOf(ImportError);
    expect(error.message).toBe(
      'kuma-empty.json: the upload holds no uptime data: Monitors "Uptime Kuma monitor 1" and "Uptime Kuma monitor 2" have no samples and no reported outages.',
    );
  });
});
