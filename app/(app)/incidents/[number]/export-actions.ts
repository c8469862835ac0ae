"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runAction, type ActionResult } from "@/lib/transport/action-result";
import { createPublicShare, revokePublicShare } from "@/lib/exports/public-shares";

/** The app's own origin as the browser reached it, for the link shown once. */
async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

export async function createPublicShareAction(input: {
  incidentNumber: number;
  template: string;
}): Promise<ActionResult<{ url: string; id: string }>> {
  const actor = await requireUser("edit");
  const result = await runAction(async () => {
    const share = await createPublicShare({ actor, input });
    return { id: share.id, url: `${await origin()}/share/${share.token}` };
  });
  if (result.ok) revalidatePath("/incidents/[number]", "page");
  return result;
}

export async function revokePublicShareAction(input: { shareId: string }): Promise<ActionResult<{ shareId: string }>> {
  const actor = await requireUser("edit");
  const result = await runAction(async () => revokePublicShare({ actor, input }).then((r) => ({ shareId: r.shareId })));
  if (result.ok) revalidatePath("/incidents/[number]", "page");
  return result;
}
