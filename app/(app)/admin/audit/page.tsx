import Link from "next/link";
import { FilterSelect } from "@/components/ui/filter-select";
import { requireUser } from "@/lib/auth/session";
import { AppError, type FieldErrors } from "@/lib/errors";
import { listAuditFilterChoices, listAuditLog, type AuditLogPage } from "@/lib/audit/list-audit-log";
import { auditQueryString, hasAuditFilters } from "@/lib/audit/schema";
import { summarizeAuditData } from "@/lib/audit/describe";
import { COMMON_TIME_ZONES, formatInZone, zoneAbbreviation } from "@/lib/time/zones";

export const metadata = { title: "Audit log" };

const FIELD_LABELS: Record<string, string> = {
  actor: "Who",
  action: "Action",
  entityType: "Entity",
  incident: "Incident",
  from: "From",
  to: "To",
  q: "Text",
  tz: "Time zone",
  cursor: "Page",
  limit: "Page size",
};

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const admin = await requireUser("administer", "/admin/audit");
  const raw = await searchParams;
  // A repeated key keeps its first value; the zod schema does the rest.
  const query = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  let page: AuditLogPage | null = null;
  let invalid: FieldErrors | null = null;
  try {
    page = await listAuditLog({ actor: admin, query });
  } catch (e) {
    if (!(e instanceof AppError && e.code === "VALIDATION")) throw e;
    invalid = e.fields ?? { _: [e.message] };
  }
  const choices = await listAuditFilterChoices({ actor: admin });
  const value = (key: string) => (typeof query[key] === "string" ? (query[key] as string) : "");
  const f = page?.filters;
  const zone = page?.timeZone ?? "UTC";
  const zones = COMMON_TIME_ZONES.includes(zone) ? COMMON_TIME_ZONES : [zone, ...COMMON_TIME_ZONES];
  const filtered = f ? hasAuditFilters(f) : true;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Audit log</h1>
        {f && (
          <a className="ml-auto text-sm underline" href={`/api/v1/audit${auditQueryString(f, { cursor: undefined })}`}>
            As JSON
          </a>
        )}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Every change anyone made: creations, edits, deletions and review steps, newest first.
      </p>
      <form className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter the audit log">
        <FilterSelect
          name="actor"
          label="Who"
          value={value("actor")}
          any="Anyone"
          options={choices.actors.map((a) => ({ value: a, label: a }))}
        />
        <FilterSelect
          name="action"
          label="Action"
          value={value("action")}
          options={choices.actions.map((a) => ({ value: a, label: a }))}
        />
        <FilterSelect
          name="entityType"
          label="Entity"
          value={value("entityType")}
          options={choices.entityTypes.map((t) => ({ value: t, label: t }))}
        />
        <div>
          <label htmlFor="incident" className="field-label">
            Incident #
          </label>
          <input
            id="incident"
            name="incident"
            type="number"
            min={1}
            inputMode="numeric"
            defaultValue={value("incident")}
            className="field-input w-24"
          />
        </div>
        <div>
          <label htmlFor="from" className="field-label">
            From
          </label>
          <input id="from" name="from" type="date" defaultValue={value("from")} className="field-input" />
        </div>
        <div>
          <label htmlFor="to" className="field-label">
            To
          </label>
          <input id="to" name="to" type="date" defaultValue={value("to")} className="field-input" />
        </div>
        <div>
          <label htmlFor="q" className="field-label">
            Text
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={value("q")}
            className="field-input"
            placeholder="e-mail, id, details…"
          />
        </div>
        <FilterSelect name="tz" label="Time zone" value={zone} any={null} options={zones.map((z) => ({ value: z, label: z }))} />
        <button className="btn-secondary" type="submit">
          Filter
        </button>
        {(filtered || invalid) && (
          <Link href="/admin/audit" className="pb-2 text-sm underline">
            Clear filters
          </Link>
        )}
      </form>

      {invalid && (
        <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          <p className="font-medium">These filters need attention:</p>
          <ul className="mt-1 list-disc pl-5">
            {Object.entries(invalid).map(([field, messages]) => (
              <li key={field}>
                {FIELD_LABELS[field] ?? field}: {messages.join(" ")}
              </li>
            ))}
          </ul>
        </div>
      )}

      {page && page.entries.length === 0 && (
        <div className="card text-center">
          <p className="font-medium">
            {f?.cursor ? "No older entries." : filtered ? "No entries match these filters." : "Nothing has been recorded yet."}
          </p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {filtered
              ? "Widen the dates or clear a filter."
              : "Entries appear here as people create, edit, delete and review incidents and postmortems."}
          </p>
        </div>
      )}

      {page && page.entries.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                <th scope="col" className="py-2 pr-3 whitespace-nowrap">
                  When ({zone})
                </th>
                <th scope="col" className="py-2 pr-3">
                  Who
                </th>
                <th scope="col" className="py-2 pr-3">
                  Action
                </th>
                <th scope="col" className="py-2 pr-3">
                  Entity
                </th>
                <th scope="col" className="py-2 pr-3">
                  Incident
                </th>
                <th scope="col" className="py-2 pr-3">
                  Changes
                </th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((entry) => {
                const summary = summarizeAuditData(entry.data);
                const details = entry.data && typeof entry.data === "object" && Object.keys(entry.data).length > 0;
                return (
                  <tr
                    key={entry.id}
                    className="border-b border-slate-200 align-top dark:border-slate-800"
                    data-testid="audit-entry"
                  >
                    <td className="py-2 pr-3 whitespace-nowrap tabular-nums">
                      <time dateTime={entry.at.toISOString()}>
                        {formatInZone(entry.at, zone, "yyyy-MM-dd HH:mm:ss")} {zoneAbbreviation(entry.at, zone)}
                      </time>
                    </td>
                    <td className="py-2 pr-3 break-all">
                      {entry.actor.label}
                      {entry.actor.name && <span className="block text-xs text-slate-500">{entry.actor.name}</span>}
                    </td>
                    <td className="py-2 pr-3 font-mono text-xs">{entry.action}</td>
                    <td className="py-2 pr-3">
                      {entry.entityType}
                      <span className="block font-mono text-xs break-all text-slate-500">{entry.entityId}</span>
                    </td>
                    <td className="py-2 pr-3">
                      {entry.incident ? (
                        <Link className="underline" href={`/incidents/${entry.incident.number}`} title={entry.incident.title}>
                          #{entry.incident.number}
                        </Link>
                      ) : (
                        <span className="text-slate-500">—</span>
                      )}
                    </td>
                    <td className="max-w-md py-2 pr-3">
                      {details ? (
                        <details>
                          <summary className="cursor-pointer break-words">{summary || "Details"}</summary>
                          <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-100 p-2 text-xs whitespace-pre-wrap dark:bg-slate-800">
                            {JSON.stringify(entry.data, null, 2)}
                          </pre>
                        </details>
                      ) : (
                        <span className="text-slate-500">—</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {page && (f?.cursor || page.nextCursor) && (
        <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
          {f?.cursor && (
            <Link className="underline" href={`/admin/audit${auditQueryString(page.filters, { cursor: undefined })}`}>
              Newest
            </Link>
          )}
          {page.nextCursor && (
            <Link className="underline" href={`/admin/audit${auditQueryString(page.filters, { cursor: page.nextCursor })}`}>
              Older entries
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
