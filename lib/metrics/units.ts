/**
 * Units a metric series can carry. Each is also a chart unit, so axes, tooltips and data tables
 * format values the same way on the page and in exported images.
 */
export const METRIC_UNITS = ["ms", "sec", "%", "req/s", "errors/s", "bytes", "bytes/s", "cores", "count"] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

export const METRIC_UNIT_LABELS: Record<MetricUnit, string> = {
  ms: "Milliseconds (latency)",
  sec: "Seconds (latency, durations)",
  "%": "Percent (error rate, CPU, memory use)",
  "req/s": "Requests per second",
  "errors/s": "Errors per second",
  bytes: "Bytes (memory, cache size)",
  "bytes/s": "Bytes per second (network, disk)",
  cores: "CPU cores",
  count: "Count (connections, pods, queue length)",
};

export function isMetricUnit(value: unknown): value is MetricUnit {
  return typeof value === "string" && (METRIC_UNITS as readonly string[]).includes(value);
}
