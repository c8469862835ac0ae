import { z } from "zod";

const DELIMITERS: Record<string, string> = {
  ",": ",",
  ";": ";",
  "|": "|",
  "\t": "\t",
  tab: "\t",
  comma: ",",
  semicolon: ";",
  pipe: "|",
};

/** Fields sent with an upload (form, API, CLI flags): one schema for all three. */
export const loadTestImportInputSchema = z.object({
  format: z.string().trim().max(40).optional(),
  name: z.string().trim().max(200, "Keep the name under 200 characters.").optional(),
  notes: z.string().max(10_000, "Keep the notes under 10,000 characters.").optional(),
  /** Columns of a headerless JMeter CSV, comma separated. */
  columns: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((c) => c.trim())
            .filter(Boolean)
        : undefined,
    ),
  delimiter: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return undefined;
      const d = DELIMITERS[v.toLowerCase()] ?? DELIMITERS[v];
      if (!d) {
        ctx.addIssue({ code: "custom", message: "Use one of , ; | or tab as the delimiter." });
        return z.NEVER;
      }
      return d;
    }),
  incident: z.coerce.number().int().positive("Incident numbers are positive.").optional(),
});
export type LoadTestImportInput = z.output<typeof loadTestImportInputSchema>;

export const loadTestRunUpdateSchema = z.object({
  id: z.string().min(1),
  version: z.coerce.number().int().positive(),
  name: z.string().trim().min(1, "Give the run a name.").max(200),
  notes: z.string().max(10_000),
  /** One "key: value" per line: the journal's Setup. */
  environment: z.string().max(10_000),
});

export const linkLoadTestRunSchema = z.object({
  runId: z.string().min(1),
  incidentNumber: z.coerce.number().int().positive("Enter an incident number."),
  note: z.string().trim().max(1000).default(""),
});

export const observedLoadSchema = z.object({
  incidentNumber: z.coerce.number().int().positive(),
  version: z.coerce.number().int().positive(),
  observedPeakRps: z.preprocess((v) => (v === "" || v == null ? null : v), z.coerce.number().nonnegative().nullable()),
  observedPeakUsers: z.preprocess((v) => (v === "" || v == null ? null : v), z.coerce.number().int().nonnegative().nullable()),
  observedLoadNote: z.string().trim().max(1000).default(""),
});

export const capacityQuerySchema = z.object({
  sloMs: z.coerce.number().positive().max(3_600_000).default(1000),
  maxErrorPct: z.coerce.number().min(0).max(100).default(1),
});

export const compareQuerySchema = z.object({
  runs: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string()).min(2, "Choose at least two runs to compare.").max(6, "Compare at most six runs at once.")),
});
