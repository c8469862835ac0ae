import { describe, expect, it } from "vitest";
import { CreateRootCauseInput, UpdateRootCauseInput } from "@/lib/rootcauses/schema";

const base = { category: "capacity", description: "Redis ran out of memory" };

describe("root-cause chart link", () => {
  it.each([
    [undefined, undefined],
    [null, null],
    ["", null],
    ["chart-1", "chart-1"],
    [" chart-1 ", "chart-1"],
  ])("metricChartId %j reads as %j", (metricChartId, expected) => {
    expect(UpdateRootCauseInput.parse({ ...base, id: "rc", version: 1, metricChartId }).metricChartId).toBe(expected);
  });

  it("refuses a value that cannot be a chart id, naming the field", () => {
    const result = CreateRootCauseInput.safeParse({ ...base, incidentId: "inc", metricChartId: 42 });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(["metricChartId"]);
    expect(CreateRootCauseInput.safeParse({ ...base, incidentId: "inc", metricChartId: "c".repeat(101) }).success).toBe(false);
  });
});
