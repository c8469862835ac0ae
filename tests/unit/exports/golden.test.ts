/**
 * Golden files: every built-in template rendered from the fixed incident, as Markdown (charts linked
 * relatively, as in the zip) and as HTML (no images inlined). The files are the product; after a
 * deliberate change, rewrite them with `UPDATE_GOLDEN=1 npx vitest run --project unit tests/unit/exports`
 * and read the diff.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILT_IN_TEMPLATES } from "@/lib/templates/built-in";
import { renderPostmortemMarkdown } from "@/lib/exports/markdown/render-markdown";
import { renderPostmortemHtml } from "@/lib/exports/html/render-html";
import { fixedExportData } from "@/tests/fixtures/exports/export-data";

const GOLDEN_DIR = path.resolve(import.meta.dirname, "../../golden/exports");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

function expectGolden(fileName: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, fileName);
  if (UPDATE) {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, actual);
  }
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run with UPDATE_GOLDEN=1 to write it, then review it.`);
  expect(actual).toBe(fs.readFileSync(file, "utf8"));
}

describe.each(BUILT_IN_TEMPLATES.map((t) => [t.key, t] as const))("golden export of %s", (key, template) => {
  it(`Markdown equals tests/golden/exports/${key}.md`, () => {
    expectGolden(`${key}.md`, renderPostmortemMarkdown(fixedExportData, template, { chartLinks: { kind: "relative" } }));
  });

  it(`HTML equals tests/golden/exports/${key}.html`, () => {
    expectGolden(`${key}.html`, renderPostmortemHtml(fixedExportData, template, { chartLinks: { kind: "relative" } }));
  });
});

it("renders the same document twice (no hidden state between renders)", () => {
  const template = BUILT_IN_TEMPLATES[0];
  const first = renderPostmortemMarkdown(fixedExportData, template, { chartLinks: { kind: "relative" } });
  expect(renderPostmortemMarkdown(fixedExportData, template, { chartLinks: { kind: "relative" } })).toBe(first);
});
