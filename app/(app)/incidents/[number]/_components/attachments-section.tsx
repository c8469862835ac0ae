import { listAttachments } from "@/lib/attachments/get-attachment";
import { formatInZone } from "@/lib/time/zones";
import type { Actor } from "@/lib/auth/actor";
import type { WorkspaceIncident } from "./incident-types";

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Everything stored with the incident (images pasted into the narrative), with who added it. */
export async function AttachmentsSection({ incident, actor }: { incident: WorkspaceIncident; actor: Actor }) {
  const files = await listAttachments({ actor, incidentId: incident.id });
  return (
    <section aria-labelledby="attachments-heading" className="card">
      <h2 id="attachments-heading" className="text-lg font-semibold">
        Attachments
      </h2>
      {files.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No files yet. Paste or drop an image into a narrative section to add one.</p>
      ) : (
        <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {files.map((f) => (
            <li key={f.id} className="flex items-center gap-3 text-sm">
              {/* eslint-disable-next-line @next/next/no-img-element -- served by our own route with a strict CSP */}
              <img src={`/api/v1/attachments/${f.id}`} alt="" className="h-12 w-12 rounded border object-cover" />
              <div>
                <a className="font-medium underline" href={`/api/v1/attachments/${f.id}`}>
                  {f.fileName}
                </a>
                <p className="text-slate-500">
                  {humanSize(f.size)} · {f.createdBy?.name || f.createdBy?.email || "unknown"} ·{" "}
                  {formatInZone(f.createdAt, incident.timeZone)}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
