import { describe, expect, it } from "vitest";
import {
  isJournalEmpty,
  JOURNAL_PARTS,
  LoadTestJournal,
  parseLoadTestJournal,
  UpdateLoadTestJournalInput,
} from "@/lib/loadtests/load-test-journal";

describe("load-test journal", () => {
  it("fills missing parts with empty text and keeps the text as typed", () => {
    expect(LoadTestJournal.parse({ changes: "  Added the cache\n" })).toEqual({
      changes: "  Added the cache\n",
      nextUp: "",
      notDoing: "",
      thoughts: "",
    });
  });

  it("allows 10,000 characters a part and refuses one more, naming the part", () => {
    expect(LoadTestJournal.safeParse({ thoughts: "x".repeat(10_000) }).success).toBe(true);
    const result = UpdateLoadTestJournalInput.safeParse({ id: "r1", version: "3", nextUp: "x".repeat(10_001) });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["nextUp", "Keep each part under 10,000 characters."],
    ]);
  });

  it("needs the run's version", () => {
    expect(UpdateLoadTestJournalInput.parse({ id: "r1", version: "3" }).version).toBe(3);
    expect(UpdateLoadTestJournalInput.safeParse({ id: "r1" }).success).toBe(false);
    expect(UpdateLoadTestJournalInput.safeParse({ id: "r1", version: 0 }).success).toBe(false);
  });

  it("reads stored entries leniently", () => {
    expect(parseLoadTestJournal({})).toEqual({ changes: "", nextUp: "", notDoing: "", thoughts: "" });
    expect(parseLoadTestJournal(null)).toEqual({ changes: "", nextUp: "", notDoing: "", thoughts: "" });
    expect(parseLoadTestJournal({ changes: "c", nextUp: 5, thoughts: "t", other: "x" })).toEqual({
      changes: "c",
      nextUp: "",
      notDoing: "",
      thoughts: "t",
    });
  });

  it("names the four parts in the journal's order and knows an empty entry", () => {
    expect(JOURNAL_PARTS.map((p) => p.label)).toEqual(["Changes made", "Next up", "Not doing", "Thoughts"]);
    expect(isJournalEmpty(parseLoadTestJournal({ changes: "  \n" }))).toBe(true);
    expect(isJournalEmpty(parseLoadTestJournal({ notDoing: "No CDN" }))).toBe(false);
  });
});
