import Link from "next/link";
import { FilterSelect } from "@/components/ui/filter-select";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listIncidents, listServiceNames } from "@/lib/incidents/list-incidents";
import { INCIDENT_STATUSES, INCIDENT_STATUS_LABELS } from "@/lib/incidents/constants";
import { formatInZone, zoneAbbreviation } from "@/lib/time/zones";
import { humanDuration } from "@/lib/time/durations";
import { SeverityBadge, StatusBadge } from "@/components/ui/badges";

export const metadata = { title: "Incidents" };

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser("read", "/incidents");
  const query = await searchParams;
  const [result, services] = await Promise.all([listIncidents({ actor: user, query }), listServiceNames()]);
  const incidents = result.items;
  const q = result.query;
  const filtered = Boolean(q.q || q.status || q.severity || q.service || q.from || q.to);
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...q, page })) if (v !== undefined && v !== "") params.set(k, String(v));
    return `/incidents?${params.toString()}`;
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Incidents</h1>
        {can(user.role, "edit") && (
          <Link href="/incidents/new" className="btn-primary ml-auto">
            New incident
          </Link>
        )}
      </div>
      <form className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter incidents">
        <div>
          <label htmlFor="q" className="field-label">
            Search
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q.q ?? ""}
            className="field-input"
            placeholder="cache out of memory"
            aria-describedby="q-hint"
          />
          <p id="q-hint" className="sr-only">
            Searches titles, summaries, timelines, root causes, actions and narrative.
          </p>
        </div>
        <FilterSelect
          name="status"
          label="Status"
          value={q.status}
          options={INCIDENT_STATUSES.map((s) => ({ value: s, label: INCIDENT_STATUS_LABELS[s] }))}
        />
        <FilterSelect
          name="severity"
          label="Severity"
          value={q.severity}
          options={[1, 2, 3, 4, 5].map((s) => ({ value: s, label: `SEV${s}` }))}
        />
        <FilterSelect name="service" label="Service" value={q.service} options={services.map((s) => ({ value: s, label: s }))} />
        <div>
          <label htmlFor="from" className="field-label">
            Started from
          </label>
          <input id="from" name="from" type="date" defaultValue={q.from ?? ""} className="field-input" />
        </div>
        <div>
          <label htmlFor="to" className="field-label">
            to
          </label>
          <input id="to" name="to" type="date" defaultValue={q.to ?? ""} className="field-input" />
        </div>
        <FilterSelect
          name="sort"
          label="Sort"
          value={q.sort}
          any={q.q ? "Relevance" : "Newest first"}
          options={[
            { value: "newest", label: "Newest first" },
            { value: "oldest", label: "Oldest first" },
            { value: "severity", label: "Severity" },
          ]}
        />
        <button className="btn-secondary" type="submit">
          Apply
        </button>
        {filtered && (
          <Link className="text-sm underline" href="/incidents">
            Clear filters
          </Link>
        )}
      </form>
      {incidents.length === 0 ? (
        <div className="card text-center">
          <p className="font-medium">{filtered ? "No incidents match these filters." : "No incidents yet."}</p>
          {!filtered && can(user.role, "edit") && (
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              When something breaks,{" "}
              <Link className="underline" href="/incidents/new">
                record it
              </Link>{" "}
              while memories are fresh.
            </p>
          )}
        </div>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                <th scope="col" className="py-2 pr-3">
                  #
                </th>
                <th scope="col" className="py-2 pr-3">
                  Title
                </th>
                <th scope="col" className="py-2 pr-3">
                  Severity
                </th>
                <th scope="col" className="py-2 pr-3">
                  Status
                </th>
                <th scope="col" className="py-2 pr-3">
                  Started
                </th>
                <th scope="col" className="py-2 pr-3">
                  Duration
                </th>
                <th scope="col" className="py-2 pr-3">
                  Services
                </th>
                <th scope="col" className="py-2 pr-3">
                  Open actions
                </th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((i) => (
                <tr key={i.id} className="border-b border-slate-200 dark:border-slate-800">
                  <td className="py-2 pr-3 text-slate-500">{i.number}</td>
                  <td className="py-2 pr-3">
                    <Link
                      href={`/incidents/${i.number}`}
                      className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      {i.title}
                    </Link>
                    {i.restricted && (
                      <span className="ml-2 rounded bg-slate-200 px-1.5 text-xs dark:bg-slate-700">Restricted</span>
                    )}
                  </td>
                  <td className="py-2 pr-3">
                    <SeverityBadge level={i.severity} />
                  </td>
                  <td className="py-2 pr-3">
                    <StatusBadge status={i.status} />
                  </td>
                  <td className="whitespace-nowrap py-2 pr-3">
                    {formatInZone(i.startedAt, i.timeZone)} {zoneAbbreviation(i.startedAt, i.timeZone)}
                  </td>
                  <td className="py-2 pr-3">{humanDuration(i.startedAt, i.resolvedAt) ?? "ongoing"}</td>
                  <td className="py-2 pr-3">{i.services.map((s) => s.service.name).join(", ")}</td>
                  <td className="py-2 pr-3">{i._count.actionItems}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pagination" className="flex items-center gap-3 text-sm">
        <span>
          {result.total} incident{result.total === 1 ? "" : "s"} · page {result.page} of {result.pageCount}
        </span>
        {result.page > 1 && (
          <Link className="btn-secondary px-3 py-1" href={pageHref(result.page - 1)} rel="prev">
            Previous
          </Link>
        )}
        {result.page < result.pageCount && (
          <Link className="btn-secondary px-3 py-1" href={pageHref(result.page + 1)} rel="next">
            Next
          </Link>
        )}
      </nav>
    </div>
  );
}
