import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import type { TemplateDefinition } from "@/lib/templates/types";
import { TemplateEditor } from "../_components/template-editor";

export const metadata = { title: "New template" };

/** A new template starts with one narrative section; most start by cloning a built-in instead. */
const BLANK: TemplateDefinition = {
  key: "",
  name: "",
  description: "",
  audience: "internal",
  version: 1,
  sections: [
    {
      kind: "narrative",
      key: "summary",
      title: "Summary",
      level: 2,
      internal: false,
      hint: "What happened, in a few sentences.",
    },
  ],
};

export default async function NewTemplatePage() {
  await requireUser("manageTemplates", "/templates/new");
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-500">
        <Link href="/templates" className="hover:underline">
          Templates
        </Link>{" "}
        / New
      </p>
      <h1 className="text-2xl font-semibold">New template</h1>
      <TemplateEditor mode="create" initial={BLANK} />
    </div>
  );
}
