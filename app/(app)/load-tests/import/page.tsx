import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { LOAD_TEST_IMPORTERS } from "@/lib/loadtests/formats";
import { TOOL_NAMES } from "@/lib/loadtests/types";
import { LoadTestUploadForm, type ImportFormatOption } from "./_components/load-test-upload-form";

export const metadata = { title: "Import a load-test run" };

export default async function ImportLoadTestPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { incident } = await searchParams;
  await requireUser("edit", `/load-tests/import${incident ? `?incident=${encodeURIComponent(incident)}` : ""}`);
  const incidentNumber = incident && /^\d{1,9}$/.test(incident) && Number(incident) > 0 ? Number(incident) : null;
  const formats: ImportFormatOption[] = LOAD_TEST_IMPORTERS.map((i) => ({
    id: i.id,
    tool: i.tool,
    toolName: TOOL_NAMES[i.tool],
    title: i.title,
    hint: i.hint,
  }));

  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm text-slate-500">
        <Link href="/load-tests" className="hover:underline">
          Load tests
        </Link>{" "}
        / Import
        {incidentNumber !== null && (
          <>
            {" "}
            for{" "}
            <Link href={`/incidents/${incidentNumber}`} className="hover:underline">
              incident #{incidentNumber}
            </Link>
          </>
        )}
      </p>
      <h1 className="text-2xl font-semibold">Import a load-test run</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Upload the result files of one run. The format is recognised from the content; Locust writes several CSV files per run
        (stats, history, failures, exceptions): upload them together.
      </p>
      <LoadTestUploadForm formats={formats} initialIncident={incidentNumber} />
      <details className="card text-sm">
        <summary className="cursor-pointer font-medium">Supported formats and how to produce them</summary>
        <dl className="mt-3 space-y-2">
          {formats.map((f) => (
            <div key={f.id}>
              <dt className="font-medium">
                {f.title} <span className="font-normal text-slate-500">({f.id})</span>
              </dt>
              <dd>
                <code className="text-xs break-all">{f.hint}</code>
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
