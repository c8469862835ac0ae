import { getSession } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/transport/route-error";
import { importIncidentJson } from "@/lib/exports/incident-json/import-incident-json";

export const dynamic = "force-dynamic";

/** Incident JSON carries attachments and metric points as base64; larger files go through the CLI. */
const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/**
 * POST /api/v1/incidents/import — the JSON of `GET /api/v1/incidents/{n}/export?format=json` (or
 * `npm run cli -- incidents export`), recreated here under a new number: 201 { number, sourceNumber, createdUsers, notes }.
 */
export async function POST(request: Request) {
  try {
    const user = await getSession();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    assertCan(user, "edit");
    const declared = Number(request.headers.get("content-length") ?? 0);
    if (declared > MAX_IMPORT_BYTES)
      throw new AppError("VALIDATION", "The file is larger than 100 MB: import it with `npm run cli -- incidents import`.");
    const text = await request.text();
    if (Buffer.byteLength(text) > MAX_IMPORT_BYTES) {
      throw new AppError("VALIDATION", "The file is larger than 100 MB: import it with `npm run cli -- incidents import`.");
    }
    const result = await importIncidentJson({ actor: user, input: text });
    return Response.json(result, { status: 201, headers: { Location: `/incidents/${result.number}` } });
  } catch (e) {
    return errorResponse(e);
  }
}
