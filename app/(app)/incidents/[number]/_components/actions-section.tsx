import { formatInZone } from "@/lib/time/zones";
import { humanize } from "@/lib/incidents/constants";
import type { SectionProps } from "./incident-types";

export function ActionsSection({ incident }: SectionProps) {
  const today = new Date();
  return (
    <section aria-labelledby="actions-heading" className="card">
      <h2 id="actions-heading" className="text-lg font-semibold">
        Action items
      </h2>
      {incident.actionItems.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No action items yet.</p>
      ) : (
        <table className="mt-3 w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <th scope="col" className="py-1 pr-3">
                Action
              </th>
              <th scope="col" className="py-1 pr-3">
                Type
              </th>
              <th scope="col" className="py-1 pr-3">
                Priority
              </th>
              <th scope="col" className="py-1 pr-3">
                Owner
              </th>
              <th scope="col" className="py-1 pr-3">
                Due
              </th>
              <th scope="col" className="py-1 pr-3">
                Status
              </th>
            </tr>
          </thead>
          <tbody>
            {incident.actionItems.map((a) => {
              const overdue = a.dueDate && a.dueDate < today && (a.status === "open" || a.status === "in_progress");
              return (
                <tr key={a.id} className="border-b border-slate-100 dark:border-slate-800">
                  <td className="py-1 pr-3">
                    {a.trackerUrl ? (
                      <a href={a.trackerUrl} className="underline" rel="noreferrer noopener" target="_blank">
                        {a.title}
                      </a>
                    ) : (
                      a.title
                    )}
                  </td>
                  <td className="py-1 pr-3">{humanize(a.type)}</td>
                  <td className="py-1 pr-3 uppercase">{a.priority}</td>
                  <td className="py-1 pr-3">{a.owner ? a.owner.name || a.owner.email : "Unassigned"}</td>
                  <td className={`py-1 pr-3 ${overdue ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>
                    {a.dueDate ? formatInZone(a.dueDate, "UTC", "yyyy-MM-dd") : "—"}
                    {overdue && " (overdue)"}
                  </td>
                  <td className="py-1 pr-3">{humanize(a.status)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
