/** Inputs of metric snapshots: one zod schema each, shared by forms, route handlers and the CLI. */
import { z } from "zod";
import { isValidTimeZone } from "@/lib/time/zones";
import { METRIC_UNITS } from "@/lib/metrics/units";
import { METRIC_FORMAT_IDS } from "@/lib/metrics/types";

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => (v ? v : undefined));

/** Fields sent with a metrics upload or paste (multipart fields, CLI flags). */
export const metricImportInputSchema = z.object({
  format: z
    .enum(["auto", ...METRIC_FORMAT_IDS], { message: `Choose a format: auto, ${METRIC_FORMAT_IDS.join(", ")}.` })
    .optional()
    .transform((v) => (v === "auto" ? undefined : v)),
  /** Unit for every series that does not state one; a series whose file states a unit keeps it. */
  unit: z
    .union([z.enum(METRIC_UNITS, { message: `Choose a unit: ${METRIC_UNITS.join(", ")}.` }), z.literal("")])
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** Name of a series the file leaves unnamed (a two-column CSV). */
  name: optionalText(200, "Keep the series name under 200 characters."),
  /** Where the data came from: "Grafana: API latency panel", a PromQL query. */
  source: optionalText(1000, "Keep the source under 1,000 characters."),
  /** Add the series to this chart of the incident; a new chart when omitted. */
  chartId: optionalText(100, "Unknown chart."),
  chartTitle: optionalText(200, "Keep the chart title under 200 characters."),
  kind: z.enum(["line", "bar"], { message: "Choose line or bar." }).optional(),
  /** Zone of times written without an offset; the incident's zone when omitted. */
  timeZone: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || isValidTimeZone(v), "Choose a known time zone, such as Europe/Berlin or UTC."),
});
export type MetricImportInput = z.output<typeof metricImportInputSchema>;

export const metricChartUpdateSchema = z.object({
  chartId: z.string().min(1),
  version: z.coerce.number().int().positive(),
  title: z.string().trim().min(1, "Give the chart a title.").max(200, "Keep the title under 200 characters."),
  kind: z.enum(["line", "bar"], { message: "Choose line or bar." }),
  caption: z.string().trim().max(2000, "Keep the caption under 2,000 characters."),
});
export type MetricChartUpdate = z.output<typeof metricChartUpdateSchema>;

export const metricSeriesUpdateSchema = z.object({
  seriesId: z.string().min(1),
  version: z.coerce.number().int().positive(),
  name: z.string().trim().min(1, "Give the series a name.").max(200, "Keep the name under 200 characters."),
  unit: z.enum(METRIC_UNITS, { message: `Choose a unit: ${METRIC_UNITS.join(", ")}.` }),
  source: z.string().trim().max(1000, "Keep the source under 1,000 characters."),
  /** Move the series to another chart of the same incident. */
  chartId: z.string().min(1),
});
export type MetricSeriesUpdate = z.output<typeof metricSeriesUpdateSchema>;

/** The chart-data endpoint's query: the visible window (epoch ms) and how many points per series. */
export const metricChartDataQuerySchema = z
  .object({
    from: z.coerce.number().finite().optional(),
    to: z.coerce.number().finite().optional(),
    points: z.coerce
      .number()
      .int()
      .min(50, "Ask for at least 50 points.")
      .max(10_000, "Ask for at most 10,000 points.")
      .default(2000),
    tz: z.enum(["incident", "utc"]).default("incident"),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    message: "from must be before to.",
    path: ["from"],
  });
export type MetricChartDataQuery = z.output<typeof metricChartDataQuerySchema>;
