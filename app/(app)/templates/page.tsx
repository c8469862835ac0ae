import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listTemplates } from "@/lib/templates/list-templates";
import { formatInZone } from "@/lib/time/zones";

export const metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const user = await requireUser("read", "/templates");
  const templates = await listTemplates({ actor: user });
  const canManage = can(user.role, "manageTemplates");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Templates</h1>
        {canManage && (
          <Link href="/templates/new" className="btn-primary ml-auto">
            New template
          </Link>
        )}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        A template is the ordered list of sections a postmortem document has. Each postmortem keeps the template version it was
        written with; built-in templates are changed by cloning them.
      </p>
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-300 dark:border-slate-700">
            <th scope="col" className="py-2 pr-3">
              Template
            </th>
            <th scope="col" className="py-2 pr-3">
              Key
            </th>
            <th scope="col" className="py-2 pr-3">
              Audience
            </th>
            <th scope="col" className="py-2 pr-3">
              Version
            </th>
            <th scope="col" className="py-2 pr-3">
              Sections
            </th>
            <th scope="col" className="py-2 pr-3">
              Postmortems
            </th>
            <th scope="col" className="py-2 pr-3">
              Updated (UTC)
            </th>
          </tr>
        </thead>
        <tbody>
          {templates.map((t) => (
            <tr key={t.key} className="border-b border-slate-200 align-top dark:border-slate-800">
              <td className="py-2 pr-3">
                <Link href={`/templates/${t.key}`} className="font-medium underline">
                  {t.name}
                </Link>
                {t.builtIn && <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-xs dark:bg-slate-700">Built-in</span>}
                {t.description && <p className="text-xs text-slate-500">{t.description}</p>}
              </td>
              <td className="py-2 pr-3">
                <code className="text-xs">{t.key}</code>
              </td>
              <td className="py-2 pr-3">{t.audience === "customer" ? "Customer-facing" : "Internal"}</td>
              <td className="py-2 pr-3">v{t.version}</td>
              <td className="py-2 pr-3">
                {t.sectionCount} ({t.narrativeCount} written)
              </td>
              <td className="py-2 pr-3">{t.usedBy}</td>
              <td className="py-2 pr-3">{formatInZone(t.updatedAt, "UTC")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
