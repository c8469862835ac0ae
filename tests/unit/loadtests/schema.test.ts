import { describe, expect, it } from "vitest";
import { capacityQuerySchema, compareQuerySchema, loadTestImportInputSchema, observedLoadSchema } from "@/lib/loadtests/schema";
import { environmentText, parseEnvironmentText } from "@/lib/loadtests/update-load-test-run";

describe("load-test import input", () => {
  it("reads form, API and CLI fields alike", () => {
    expect(
      loadTestImportInputSchema.parse({
        format: "jmeter-csv",
        name: "  Week 1  ",
        columns: "timeStamp, elapsed ,label,,success",
        delimiter: "tab",
        incident: "12",
      }),
    ).toEqual({
      format: "jmeter-csv",
      name: "Week 1",
      columns: ["timeStamp", "elapsed", "label", "success"],
      delimiter: "\t",
      incident: 12,
    });
    expect(loadTestImportInputSchema.parse({})).toEqual({ columns: undefined, delimiter: undefined });
    expect(loadTestImportInputSchema.parse({ delimiter: ";" }).delimiter).toBe(";");
  });

  it("refuses a delimiter it cannot use and a bad incident number, naming the field", () => {
    const bad = loadTestImportInputSchema.safeParse({ delimiter: "::", incident: "-3" });
    expect(bad.success).toBe(false);
    const fields = bad.error!.issues.map((i) => i.path.join("."));
    expect(fields).toEqual(expect.arrayContaining(["delimiter", "incident"]));
  });
});

describe("analysis queries", () => {
  it("defaults the SLO and error budget and bounds them", () => {
    expect(capacityQuerySchema.parse({})).toEqual({ sloMs: 1000, maxErrorPct: 1 });
    expect(capacityQuerySchema.parse({ sloMs: "250", maxErrorPct: "0.5" })).toEqual({ sloMs: 250, maxErrorPct: 0.5 });
    expect(capacityQuerySchema.safeParse({ maxErrorPct: "120" }).success).toBe(false);
  });

  it("compares two to six runs given as a list or repeated parameters", () => {
    expect(compareQuerySchema.parse({ runs: "a, b,c" }).runs).toEqual(["a", "b", "c"]);
    expect(compareQuerySchema.parse({ runs: ["a", "b"] }).runs).toEqual(["a", "b"]);
    expect(compareQuerySchema.safeParse({ runs: "a" }).success).toBe(false);
    expect(compareQuerySchema.safeParse({ runs: "a,b,c,d,e,f,g" }).success).toBe(false);
  });

  it("observed load accepts empty fields as unknown", () => {
    expect(
      observedLoadSchema.parse({
        incidentNumber: "3",
        version: "2",
        observedPeakRps: "5000",
        observedPeakUsers: "",
        observedLoadNote: " x ",
      }),
    ).toEqual({ incidentNumber: 3, version: 2, observedPeakRps: 5000, observedPeakUsers: null, observedLoadNote: "x" });
    expect(observedLoadSchema.safeParse({ incidentNumber: 3, version: 1, observedPeakRps: "-1" }).success).toBe(false);
  });
});

describe("setup text", () => {
  it("round-trips key: value lines, keeping colons in values", () => {
    const env = parseEnvironmentText("machine: c5.xlarge\n\n workers : 4 \nurl: http://host:8080/x\nsingle note");
    expect(env).toEqual({ machine: "c5.xlarge", workers: "4", url: "http://host:8080/x", "single note": "" });
    expect(parseEnvironmentText(environmentText(env))).toEqual(env);
  });
});
