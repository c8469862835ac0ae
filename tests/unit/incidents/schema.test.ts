import { describe, expect, it } from "vitest";
import { CreateIncidentInput } from "@/lib/incidents/schema";

const base = { title: "Cache out of memory", severity: "1", timeZone: "Europe/Berlin", startedAt: "2026-05-12T19:00" };

describe("CreateIncidentInput", () => {
  it("stores key times in UTC from the incident's zone", () => {
    const v = CreateIncidentInput.parse({
      ...base,
      detectedAt: "2026-05-12T19:12",
      mitigatedAt: "",
      services: "api, cache, api",
    });
    expect(v.startedAt.toISOString()).toBe("2026-05-12T17:00:00.000Z");
    expect(v.detectedAt?.toISOString()).toBe("2026-05-12T17:12:00.000Z");
    expect(v.mitigatedAt).toBeNull();
    expect(v.services).toEqual(["api", "cache"]);
    expect(v.severity).toBe(1);
    expect(v.restricted).toBe(false);
  });

  it.each([
    [{ title: "" }, "title"],
    [{ severity: "7" }, "severity"],
    [{ timeZone: "Mars/Base" }, "timeZone"],
    [{ startedAt: "12/05/2026" }, "startedAt"],
    [{ detectedAt: "2026-05-12T18:00" }, "detectedAt"],
    [{ status: "resolved" }, "resolvedAt"],
    [{ usersAffectedPct: "140" }, "usersAffectedPct"],
  ])("reports %o on field %s", (patch, field) => {
    const r = CreateIncidentInput.safeParse({ ...base, ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toContain(field);
  });
});
