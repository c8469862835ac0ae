import { humanize } from "@/lib/incidents/constants";
import type { SectionProps } from "./incident-types";

export function RootCausesSection({ incident }: SectionProps) {
  return (
    <section aria-labelledby="causes-heading" className="card">
      <h2 id="causes-heading" className="text-lg font-semibold">
        Root causes
      </h2>
      {incident.rootCauses.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No root causes recorded yet.</p>
      ) : (
        <ol className="mt-3 space-y-4">
          {incident.rootCauses.map((c) => (
            <li key={c.id}>
              <p className="font-medium">
                {humanize(c.category)}
                {c.isTrigger && <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">Trigger</span>}
              </p>
              <p>{c.description}</p>
              {c.whys.length > 0 && (
                <ol className="ml-5 mt-1 list-decimal text-sm text-slate-700 dark:text-slate-300">
                  {c.whys.map((w, i) => (
                    <li key={i}>{w}</li>
                  ))}
                </ol>
              )}
              {c.factors.length > 0 && (
                <ul className="ml-5 mt-1 list-disc text-sm text-slate-600 dark:text-slate-400">
                  {c.factors.map((f) => (
                    <li key={f.id}>Contributing: {f.description}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
