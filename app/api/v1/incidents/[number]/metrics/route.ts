import { after } from "next/server";
import { getSession } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/actor";
import { AppError, validationError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { incidentNumberParam } from "@/lib/transport/route-params";
import { receiveMultipartUpload } from "@/lib/imports/multipart-upload";
import { removeUploadDirectory } from "@/lib/imports/temp-files";
import { metricImportInputSchema } from "@/lib/metrics/schema";
import { startMetricImport } from "@/lib/metrics/import-metrics";
import { listIncidentMetricCharts } from "@/lib/metrics/load-incident-metrics";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/incidents/{number}/metrics — one metrics file (multipart part "file"; pasted text is
 * sent as a file) with fields format, unit, name, source, chartId, chartTitle, kind, timeZone. The
 * body streams to a temporary file; the answer is 202 with the import job to poll.
 */
export async function POST(request: Request, { params }: { params: Promise<{ number: string }> }) {
  let dir: string | undefined;
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    assertCan(user, "edit");
    const number = incidentNumberParam((await params).number);
    const upload = await receiveMultipartUpload(request, { maxFiles: 1 });
    dir = upload.dir;
    const input = metricImportInputSchema.safeParse(upload.fields);
    if (!input.success) throw validationError(input.error.issues);
    const { job, run } = await startMetricImport({ actor: user, incidentNumber: number, upload, input: input.data });
    dir = undefined; // the job owns the directory now and removes it when it ends
    after(() => run());
    return Response.json({ job }, { status: 202, headers: { Location: `/api/v1/import-jobs/${job.id}` } });
  } catch (e) {
    await removeUploadDirectory(dir);
    return errorResponse(e);
  }
}

/** GET /api/v1/incidents/{number}/metrics — the incident's metric charts and their series (no points). */
export async function GET(_request: Request, { params }: { params: Promise<{ number: string }> }) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    const { charts } = await listIncidentMetricCharts({
      actor: user,
      incidentNumber: incidentNumberParam((await params).number),
    });
    return Response.json({ charts });
  } catch (e) {
    return errorResponse(e);
  }
}
