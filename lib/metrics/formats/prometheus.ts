/**
 * Prometheus HTTP API `query_range` responses (`/api/v1/query_range`, resultType "matrix"). Values
 * are strings as Prometheus writes them: "NaN" stays NaN (a gap) and "+Inf"/"-Inf" stay infinite,
 * so the snapshot keeps what Prometheus said. Error responses and instant queries (vector, scalar,
 * string) are refused with what Prometheus said or what to download instead.
 */
import { ImportError } from "@/lib/imports/errors";
import type { FileHead, ImportFile } from "@/lib/imports/files";
import { isJsonObjectMatching } from "@/lib/loadtests/formats/summary-json";
import { forEachItem, jsonArray, jsonLabels, readMetricJson, shown, type JsonFields } from "@/lib/metrics/formats/json-input";
import { MetricsBuilder } from "@/lib/metrics/formats/point-builder";
import { plainNumber } from "@/lib/metrics/formats/readings";
import type { MetricImportContext, MetricImporter, ParsedMetrics } from "@/lib/metrics/types";

export const prometheusImporter: MetricImporter = {
  id: "prometheus",
  title: "Prometheus query_range JSON",
  hint: "curl 'http://prometheus:9090/api/v1/query_range?query=…&start=…&end=…&step=15s' > metrics.json",
  detect(head: FileHead): boolean {
    return isJsonObjectMatching(head.text, [/"status"\s*:\s*"(?:success|error)"/, /"(?:resultType|errorType)"\s*:/]);
  },
  parse: parsePrometheus,
};

const INSTANT_RESULT_TYPES = ["vector", "scalar", "string"];

async function parsePrometheus(file: ImportFile, ctx: MetricImportContext): Promise<ParsedMetrics> {
  const { value, ...input } = await readMetricJson(file, ctx.progress, "Query a shorter range or a larger step.");
  const fields: JsonFields = input.fields; // declared, so fields.fail() narrows types
  const root = fields.object(value, "the file");
  if (root.status === "error") {
    const type = typeof root.errorType === "string" ? ` (${root.errorType})` : "";
    const said = typeof root.error === "string" ? root.error : "no error text";
    throw new ImportError(
      `Prometheus answered with an error${type}: ${said}. Fix the query and save the query_range response again.`,
      {
        file: file.name,
      },
    );
  }
  if (root.status !== "success") {
    fields.fail(`"status" is ${shown(root.status)}: a Prometheus API response says "success" or "error".`, "status");
  }
  const data = fields.object(root.data, "data");
  const resultType = data.resultType;
  if (typeof resultType === "string" && INSTANT_RESULT_TYPES.includes(resultType)) {
    throw new ImportError(
      `this is the answer to an instant query (resultType "${resultType}"): it holds one value per series, not a time series. ` +
        "Use the query_range endpoint (/api/v1/query_range?query=…&start=…&end=…&step=…), or download Grafana's " +
        '"Query inspector → Data" as CSV.',
      { file: file.name, field: "data.resultType" },
    );
  }
  if (resultType !== "matrix") {
    fields.fail(`resultType is ${shown(resultType)}: a query_range response has "matrix".`, "data.resultType");
  }

  const builder = new MetricsBuilder(file.name, prometheusImporter.id);
  for (const key of ["warnings", "infos"]) {
    const said = root[key];
    if (!Array.isArray(said)) continue;
    for (const text of said) builder.note(`Prometheus ${key === "warnings" ? "warned" : "noted"}: ${String(text)}`);
  }
  const results = jsonArray(fields, data.result, "data.result", "a query_range response lists its series there");
  for (let i = 0; i < results.length; i++) {
    const path = `data.result[${i}]`;
    const result = fields.object(results[i], path);
    const labels = jsonLabels(fields, result.metric ?? {}, `${path}.metric`);
    const name = prometheusSeriesName(labels, i);
    const series = builder.series(name, { labels });
    if (Array.isArray(result.histograms) && result.histograms.length > 0) {
      builder.note(
        `Series ${name} holds native histogram samples, which were left out: query a quantile or rate of them instead.`,
      );
    }
    if (result.values === undefined) continue;
    const values = jsonArray(fields, result.values, `${path}.values`, "a matrix series holds [time, value] pairs");
    await forEachItem(values, ctx.progress, (pair, j) => {
      const at = `${path}.values[${j}]`;
      if (!Array.isArray(pair) || pair.length !== 2)
        fields.fail(`series ${name}, point ${j}: ${shown(pair)} is not a [time, "value"] pair.`, at);
      const [seconds, text] = pair as unknown[];
      if (typeof seconds !== "number" || !Number.isFinite(seconds)) {
        fields.fail(`series ${name}, point ${j}: the time ${shown(seconds)} is not Unix seconds.`, at);
      }
      const v = typeof text === "string" ? prometheusValue(text) : null;
      if (v === null) {
        fields.fail(
          `series ${name}, point ${j}: the value ${shown(text)} is not a number ("NaN", "+Inf" and "-Inf" are read).`,
          at,
        );
      }
      builder.add(series, Math.round(seconds * 1000), v);
    });
  }
  return builder.finish(builder.pointCount, "the query matched no series in that time range.");
}

/** A sample value as Prometheus formats it (Go's strconv: digits, exponent, "NaN", "+Inf", "-Inf"). */
function prometheusValue(text: string): number | null {
  if (text === "NaN") return NaN;
  if (text === "+Inf" || text === "Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  return plainNumber(text);
}

/**
 * The series in Prometheus notation: `rate_name{code="200",job="api"}` with labels sorted and
 * `__name__` in front; labels only (`{job="api"}`) when the query dropped the name; "series N"
 * when it has no labels at all.
 */
export function prometheusSeriesName(labels: Record<string, string>, index: number): string {
  const metric = labels.__name__ ?? "";
  const pairs = Object.keys(labels)
    .filter((k) => k !== "__name__")
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  if (pairs.length === 0) return metric || `series ${index + 1}`;
  return `${metric}{${pairs.join(",")}}`;
}
