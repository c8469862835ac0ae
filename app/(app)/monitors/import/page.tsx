import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { listServiceChoices } from "@/lib/uptime/service-choices";
import { UptimeUploadForm } from "./_components/uptime-upload-form";
import { UPTIME_FORMAT_OPTIONS } from "./_components/uptime-formats";

export const metadata = { title: "Import uptime data" };

export default async function ImportUptimePage() {
  const user = await requireUser("edit", "/monitors/import");
  const services = await listServiceChoices({ actor: user });

  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm text-slate-500">
        <Link href="/monitors" className="hover:underline">
          Monitors
        </Link>{" "}
        / Import
      </p>
      <h1 className="text-2xl font-semibold">Import uptime data</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Upload what a monitoring tool recorded. The format is recognised from the content; monitors are matched by their identity
        at the source, so importing a newer export updates them rather than adding copies.
      </p>
      <UptimeUploadForm services={services} />
      <details className="card text-sm">
        <summary className="cursor-pointer font-medium">Supported formats and how to produce them</summary>
        <dl className="mt-3 space-y-3">
          {UPTIME_FORMAT_OPTIONS.map((f) => (
            <div key={f.id}>
              <dt className="font-medium">
                {f.title} <span className="font-normal text-slate-500">({f.id})</span>
              </dt>
              <dd className="space-y-1">
                <p>{f.upload}</p>
                <pre className="whitespace-pre-wrap break-all rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
                  {f.produce}
                </pre>
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
