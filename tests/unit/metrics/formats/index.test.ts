import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { ImportError } from "@/lib/imports/errors";
import { chooseMetricImporter, METRIC_IMPORTERS, metricImporterById, supportedMetricFormatsText } from "@/lib/metrics/formats";
import { METRIC_FORMAT_IDS } from "@/lib/metrics/types";
import { fixture, temp } from "../support/metric-fixtures";

describe("metric importer registry", () => {
  it("holds one importer per format id, specific formats first", () => {
    expect(METRIC_IMPORTERS.map((i) => i.id)).toEqual(["prometheus", "json", "grafana-csv", "csv"]);
    expect([...METRIC_FORMAT_IDS].sort()).toEqual(METRIC_IMPORTERS.map((i) => i.id).sort());
    expect(supportedMetricFormatsText()).toBe(
      "Prometheus query_range JSON (prometheus), Hindsight metrics JSON (json), Grafana panel CSV (grafana-csv), CSV or TSV (time,value[,series] or time,<series>…) (csv)",
    );
  });

  it("finds an importer by id and refuses an unknown one, listing the supported formats", () => {
    expect(metricImporterById("grafana-csv").id).toBe("grafana-csv");
    const error = (() => {
      try {
        metricImporterById("influx");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("VALIDATION");
    expect((error as AppError).message).toBe(
      `Unknown metric format "influx". Supported formats: ${supportedMetricFormatsText()}.`,
    );
  });

  it.each([
    ["prometheus/http-requests-rate.json", "prometheus"],
    ["prometheus/error-bad-query.json", "prometheus"],
    ["prometheus/instant-vector.json", "prometheus"],
    ["json/series.json", "json"],
    ["json/records.json", "json"],
    ["grafana/grafana-7-raw.csv", "grafana-csv"],
    ["grafana/grafana-7-formatted-excel.csv", "grafana-csv"],
    ["grafana/grafana-6-series-rows.csv", "grafana-csv"],
    ["grafana/grafana-6-columns.csv", "grafana-csv"],
    ["csv/long-epoch-seconds.csv", "csv"],
    ["csv/headerless-series.csv", "csv"],
    ["csv/wide.tsv", "csv"],
    ["csv/bom-sep.csv", "csv"],
    ["csv/semicolon-decimal-comma.csv", "csv"],
  ])("detects %s as %s by its content", async (name, id) => {
    expect((await chooseMetricImporter(fixture(name))).id).toBe(id);
  });

  it("takes the stated format over detection; auto detects", async () => {
    expect((await chooseMetricImporter(fixture("grafana/grafana-7-raw.csv"), "csv")).id).toBe("csv");
    expect((await chooseMetricImporter(fixture("grafana/grafana-7-raw.csv"), "auto")).id).toBe("grafana-csv");
    await expect(chooseMetricImporter(fixture("csv/wide.tsv"), "xlsx")).rejects.toBeInstanceOf(AppError);
  });

  it("refuses what it cannot recognise, listing the formats, and an empty file", async () => {
    const prose = temp("notes.txt", "The cache filled up around two o'clock.\n");
    await expect(chooseMetricImporter(prose)).rejects.toThrow(
      new ImportError(
        `could not recognise this file as metric data. Supported formats: ${supportedMetricFormatsText()}. Choose the format by hand if the file is one of these.`,
        { file: "notes.txt" },
      ),
    );
    await expect(chooseMetricImporter(temp("empty.csv", " \n"))).rejects.toThrow("empty.csv: the file is empty.");
  });
});
