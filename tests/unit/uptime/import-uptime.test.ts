import { describe, expect, it } from "vitest";
import { importedMonitorIds, jobFileList, relativeToUploadedFolder, uptimeImportMessage } from "@/lib/uptime/import-uptime";
import type { ParsedUptime } from "@/lib/uptime/types";

const parsed = (notes: string[] = []): ParsedUptime => ({
  format: "upptime",
  source: "upptime",
  monitors: [],
  notes,
  rowsRead: 0,
});
const file = (name: string, size = 1) => ({ name, path: `/tmp/x/${name}`, size });

describe("uptime import jobs", () => {
  it("says what was imported, what was updated, and the parser's notes", () => {
    expect(
      uptimeImportMessage(parsed(["A plain zip holds one sample per monitor."]), [
        { created: true, samples: 3817 },
        { created: true, samples: 1 },
        { created: true, samples: 1 },
      ]),
    ).toBe("Imported 3 monitors (3,819 samples) from Upptime. A plain zip holds one sample per monitor.");
    expect(uptimeImportMessage(parsed(), [{ created: false, samples: 1 }])).toBe(
      "Imported 1 monitor (1 sample) from Upptime. The monitor existed and was updated.",
    );
    expect(
      uptimeImportMessage({ ...parsed(), source: "uptime-kuma" }, [
        { created: true, samples: 10 },
        { created: false, samples: 5 },
      ]),
    ).toBe("Imported 2 monitors (15 samples) from Uptime Kuma. 1 existed and was updated.");
  });

  it("names every monitor in the result, comma-separated", () => {
    expect(importedMonitorIds("a,b,c")).toEqual(["a", "b", "c"]);
    expect(importedMonitorIds("a")).toEqual(["a"]);
    expect(importedMonitorIds(null)).toEqual([]);
  });

  it("drops the one folder a browser puts in front of every name, and nothing else", () => {
    const names = (files: { name: string }[]) => relativeToUploadedFolder(files.map((f) => file(f.name))).map((f) => f.name);
    expect(names([{ name: "repo/history/a.yml" }, { name: "repo/.git/HEAD" }])).toEqual(["history/a.yml", ".git/HEAD"]);
    expect(names([{ name: "history/a.yml" }, { name: "upptimerc.yml" }])).toEqual(["history/a.yml", "upptimerc.yml"]);
    expect(names([{ name: "a/x.yml" }, { name: "b/y.yml" }])).toEqual(["a/x.yml", "b/y.yml"]);
    expect(names([{ name: "kuma.db" }])).toEqual(["kuma.db"]);
  });

  it("lists a .git folder in the job as one line with its file count and size", () => {
    expect(
      jobFileList([
        file("history/a.yml", 10),
        file(".git/HEAD", 23),
        file(".git/objects/ab/cdef", 100),
        file("sub/.git/config", 5),
      ]),
    ).toEqual([
      { name: "history/a.yml", size: 10 },
      { name: ".git/ (2 files)", size: 123 },
      { name: "sub/.git/ (1 file)", size: 5 },
    ]);
  });
});
