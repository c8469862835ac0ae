import Link from "next/link";

export const metadata = { title: "Not allowed" };

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg p-8">
      <h1 className="text-2xl font-semibold">Your role does not allow this</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">Ask an admin for a different role if you need to do this.</p>
      <Link className="btn-secondary mt-6" href="/incidents">
        Back to incidents
      </Link>
    </main>
  );
}
