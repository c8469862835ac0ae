import { healthReport } from "@/lib/health/health-report";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(healthReport(), { headers: { "cache-control": "no-store" } });
}
