import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg p-8">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">There is nothing here, or you cannot see it.</p>
      <Link className="btn-secondary mt-6" href="/incidents">
        Back to incidents
      </Link>
    </main>
  );
}
