import Link from "next/link";
import { FilterSelect } from "@/components/ui/filter-select";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listActionItems } from "@/lib/actions/list-action-items";
import { listActionFilterChoices } from "@/lib/actions/list-action-filter-choices";
import { actionQueryString } from "@/lib/actions/schema";
import { isOverdue, utcToday } from "@/lib/actions/overdue";
import { ACTION_STATUSES, humanize, SEVERITY_LEVELS } from "@/lib/incidents/constants";
import { ActionBulkTable } from "./_components/action-bulk-table";

export const metadata = { title: "Action items" };

export default async function ActionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("read", "/actions");
  const raw = await searchParams;
  // A repeated key keeps its first value; the zod schema does the rest.
  const query = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const today = utcToday();
  const [list, choices] = await Promise.all([
    listActionItems({ actor: user, query, today }),
    listActionFilterChoices({ actor: user }),
  ]);
  const q = list.filters;
  const filtered = Boolean(q.owner || q.status || q.overdue || q.service || q.severity);
  const rows = list.items.map((a) => ({
    id: a.id,
    title: a.title,
    priority: a.priority,
    status: a.status,
    type: a.type,
    ownerName: a.owner ? a.owner.name || a.owner.email : "",
    dueDate: a.dueDate ? a.dueDate.toISOString().slice(0, 10) : "",
    overdue: isOverdue(a, today),
    incidentNumber: a.incident.number,
    incidentTitle: a.incident.title,
    severity: a.incident.severity,
  }));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Action items</h1>
        <a
          href={`/api/v1/actions/export.csv${actionQueryString(q, { page: undefined })}`}
          className="btn-secondary ml-auto"
          download
        >
          Export CSV
        </a>
      </div>
      <form className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter action items">
        <FilterSelect
          name="owner"
          label="Owner"
          value={q.owner}
          any="Anyone"
          options={[
            { value: "none", label: "Unassigned" },
            ...choices.people.map((p) => ({ value: p.id, label: p.name || p.email })),
          ]}
        />
        <FilterSelect
          name="status"
          label="Status"
          value={q.status}
          options={ACTION_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
        />
        <FilterSelect
          name="service"
          label="Service"
          value={q.service}
          options={choices.services.map((s) => ({ value: s, label: s }))}
        />
        <FilterSelect
          name="severity"
          label="Severity"
          value={q.severity}
          options={SEVERITY_LEVELS.map((s) => ({ value: s, label: `SEV${s}` }))}
        />
        <FilterSelect
          name="sort"
          label="Sort by"
          value={q.sort}
          any={null}
          options={[
            { value: "due", label: "Due date" },
            { value: "priority", label: "Priority" },
          ]}
        />
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" name="overdue" value="1" defaultChecked={q.overdue} /> Overdue only
        </label>
        <button className="btn-secondary" type="submit">
          Filter
        </button>
        {filtered && (
          <Link href="/actions" className="pb-2 text-sm underline">
            Clear filters
          </Link>
        )}
      </form>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {list.total} action item{list.total === 1 ? "" : "s"}. Overdue means due before today ({today}, UTC) and still open or in
        progress.
      </p>
      {rows.length === 0 ? (
        <div className="card text-center">
          <p className="font-medium">{filtered ? "No action items match these filters." : "No action items yet."}</p>
          {!filtered && (
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Action items are added on an incident&apos;s page.</p>
          )}
        </div>
      ) : (
        <ActionBulkTable key={rows.map((r) => r.id).join(",")} rows={rows} canEdit={can(user.role, "edit")} />
      )}
      {list.pageCount > 1 && (
        <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
          {q.page > 1 && (
            <Link className="underline" href={`/actions${actionQueryString(q, { page: q.page - 1 })}`}>
              Previous
            </Link>
          )}
          <span>
            Page {q.page} of {list.pageCount}
          </span>
          {q.page < list.pageCount && (
            <Link className="underline" href={`/actions${actionQueryString(q, { page: q.page + 1 })}`}>
              Next
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
