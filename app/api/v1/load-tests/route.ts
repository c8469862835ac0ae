import { after } from "next/server";
import { getSession } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/actor";
import { AppError, validationError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { receiveMultipartUpload } from "@/lib/imports/multipart-upload";
import { removeUploadDirectory } from "@/lib/imports/temp-files";
import { loadTestImportInputSchema } from "@/lib/loadtests/schema";
import { startLoadTestImport } from "@/lib/loadtests/import-load-test";
import { listLoadTestRuns } from "@/lib/loadtests/list-load-test-runs";

export const dynamic = "force-dynamic";

/**
 * Upload load-test result files (multipart, parts named "file"; fields format, name, notes,
 * columns, delimiter, incident). The body streams to temporary files; the answer is 202 with the
 * import job to poll at /api/v1/import-jobs/{id}.
 */
export async function POST(request: Request) {
  let dir: string | undefined;
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    assertCan(user, "edit");
    const upload = await receiveMultipartUpload(request);
    dir = upload.dir;
    const input = loadTestImportInputSchema.safeParse(upload.fields);
    if (!input.success) throw validationError(input.error.issues);
    const { job, run } = await startLoadTestImport({ actor: user, upload, input: input.data });
    dir = undefined; // the job owns the directory now and removes it when it ends
    after(() => run());
    return Response.json({ job }, { status: 202, headers: { Location: `/api/v1/import-jobs/${job.id}` } });
  } catch (e) {
    await removeUploadDirectory(dir);
    return errorResponse(e);
  }
}

export async function GET(request: Request) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const { runs, total, page, pageSize } = await listLoadTestRuns({ actor: user, query });
    return Response.json({ runs, total, page, pageSize });
  } catch (e) {
    return errorResponse(e);
  }
}
