import { z } from "zod";

/**
 * Query fields of every chart-image URL. Bounded so one request cannot ask for a canvas of
 * hundreds of megabytes (at most 4000 × 2400 pixels).
 */
export const chartImageQuerySchema = z.object({
  theme: z.enum(["light", "dark"]).default("light"),
  width: z.coerce.number().int().min(320).max(2000).default(1200),
  height: z.coerce.number().int().min(200).max(1200).default(500),
  scale: z.coerce.number().int().min(1).max(2).default(1),
});

/** Query parameters as an object; an empty one (`width=`) means the default, as in the page's forms. */
export function searchParamsObject(url: string): Record<string, string> {
  return Object.fromEntries([...new URL(url).searchParams].filter(([, v]) => v !== ""));
}
