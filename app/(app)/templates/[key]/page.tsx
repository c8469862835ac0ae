import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getTemplate } from "@/lib/templates/get-template";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { formatInZone } from "@/lib/time/zones";
import { TemplateEditor } from "../_components/template-editor";
import { CloneTemplateForm } from "../_components/clone-template-form";
import { SectionListView } from "../_components/section-list-view";
import { TemplatePreviewStatic } from "../_components/template-preview-static";

export async function generateMetadata({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  return { title: `Template ${key}` };
}

export default async function TemplatePage({
  params,
  searchParams,
}: {
  params: Promise<{ key: string }>;
  searchParams: Promise<{ version?: string }>;
}) {
  const { key } = await params;
  const { version: versionParam } = await searchParams;
  const user = await requireUser("read", `/templates/${key}`);
  const asked = versionParam && /^\d+$/.test(versionParam) ? Number(versionParam) : undefined;
  let template;
  try {
    template = await getTemplate({ actor: user, input: { key, version: asked } });
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  const canManage = can(user.role, "manageTemplates");
  const latest = template.version === template.latestVersion;
  const editable = canManage && !template.builtIn && latest;
  const newest = (await listIncidents({ actor: user })).items[0]?.number;
  const { builtIn: _b, latestVersion: _l, updatedAt: _u, versions, usedBy, ...definition } = template;

  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-500">
        <Link href="/templates" className="hover:underline">
          Templates
        </Link>{" "}
        / {template.key}
      </p>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{template.name}</h1>
        <p className="text-sm text-slate-500">
          <code>{template.key}</code> · version {template.version}
          {!latest && ` (latest is ${template.latestVersion})`} · {template.builtIn ? "built-in" : "custom"} ·{" "}
          {template.audience === "customer" ? "customer-facing" : "internal"} · used by {usedBy} postmortem
          {usedBy === 1 ? "" : "s"}
        </p>
        {template.description && <p className="text-slate-600 dark:text-slate-400">{template.description}</p>}
      </div>

      {template.builtIn && (
        <p className="text-sm">Built-in templates cannot be edited. Clone this one to make your own version of it.</p>
      )}

      {canManage && (
        <section aria-labelledby="clone-heading" className="space-y-2">
          <h2 id="clone-heading" className="text-lg font-semibold">
            Clone
          </h2>
          <CloneTemplateForm
            sourceKey={template.key}
            sourceName={template.name}
            sourceVersion={latest ? undefined : template.version}
          />
        </section>
      )}

      {editable ? (
        <TemplateEditor mode="update" initial={definition} defaultIncidentNumber={newest} />
      ) : (
        <>
          <section aria-labelledby="sections-heading" className="space-y-3">
            <h2 id="sections-heading" className="text-lg font-semibold">
              Sections
            </h2>
            <SectionListView sections={template.sections} />
          </section>
          <TemplatePreviewStatic template={definition} defaultIncidentNumber={newest} />
        </>
      )}

      <section aria-labelledby="versions-heading" className="space-y-2">
        <h2 id="versions-heading" className="text-lg font-semibold">
          Versions
        </h2>
        <ul className="text-sm">
          {versions.map((v) => (
            <li key={v.version}>
              <Link href={`/templates/${template.key}?version=${v.version}`} className="underline">
                Version {v.version}
              </Link>{" "}
              · {formatInZone(v.createdAt, "UTC")} UTC · {v.createdBy ?? "built in"}
              {v.version === template.version && " (shown)"}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
