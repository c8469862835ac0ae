import { after } from "next/server";
import { getSession } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/actor";
import { AppError, validationError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { receiveMultipartUpload } from "@/lib/imports/multipart-upload";
import { removeUploadDirectory } from "@/lib/imports/temp-files";
import { uptimeImportInputSchema } from "@/lib/uptime/schema";
import { relativeToUploadedFolder, startUptimeImport, UPTIME_MAX_FILES } from "@/lib/uptime/import-uptime";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/monitors/import — uptime data as multipart parts named "file": one or more files, a
 * zip, or a whole folder (each part's file name its relative path, ".git/HEAD", so an Upptime
 * repository's history can be read), with fields format, timeZone, monitorName, target, serviceId.
 * The body streams to a temporary folder; the answer is 202 with the import job to poll. The job's
 * resultId is the monitor id, or the ids comma-separated when the upload held several monitors.
 */
export async function POST(request: Request) {
  let dir: string | undefined;
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    assertCan(user, "edit");
    const upload = await receiveMultipartUpload(request, { maxFiles: UPTIME_MAX_FILES, keepPaths: true });
    dir = upload.dir;
    const input = uptimeImportInputSchema.safeParse(upload.fields);
    if (!input.success) throw validationError(input.error.issues);
    const { job, run } = await startUptimeImport({
      actor: user,
      upload: { files: relativeToUploadedFolder(upload.files), dir: upload.dir },
      input: input.data,
    });
    dir = undefined; // the job owns the directory now and removes it when it ends
    after(() => run());
    return Response.json({ job }, { status: 202, headers: { Location: `/api/v1/import-jobs/${job.id}` } });
  } catch (e) {
    await removeUploadDirectory(dir);
    return errorResponse(e);
  }
}
