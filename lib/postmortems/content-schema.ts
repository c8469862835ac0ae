import { z } from "zod";

/**
 * TipTap JSON accepted for narrative sections: exactly the nodes and marks the editor enables
 * (lib/postmortems/editor-extensions.ts). Unknown keys are stripped, unknown types are refused,
 * so only what this schema knows ever reaches the database or generateHTML.
 */

export type TipTapMark = { type: "bold" | "italic" | "code" | "strike" } | { type: "link"; attrs: { href: string } };

export type TipTapText = { type: "text"; text: string; marks?: TipTapMark[] };
export type TipTapInline = TipTapText | { type: "hardBreak" };

export type TipTapTableCell = {
  type: "tableCell" | "tableHeader";
  attrs?: { colspan?: number; rowspan?: number; colwidth?: number[] | null };
  content?: TipTapBlock[];
};

export type TipTapBlock =
  | { type: "paragraph"; content?: TipTapInline[] }
  | { type: "heading"; attrs: { level: 1 | 2 | 3 }; content?: TipTapInline[] }
  | { type: "bulletList"; content?: TipTapListItem[] }
  | { type: "orderedList"; attrs?: { start?: number; type?: string | null }; content?: TipTapListItem[] }
  | { type: "blockquote"; content?: TipTapBlock[] }
  | { type: "codeBlock"; attrs?: { language?: string | null }; content?: TipTapText[] }
  | { type: "horizontalRule" }
  | { type: "table"; content?: { type: "tableRow"; content?: TipTapTableCell[] }[] }
  | { type: "image"; attrs: { src: string; alt?: string | null; title?: string | null } };

export type TipTapListItem = { type: "listItem"; content?: TipTapBlock[] };
export type TipTapDoc = { type: "doc"; content?: TipTapBlock[] };

/** Largest stored document (serialized JSON), so one section cannot bloat every page load. */
export const MAX_DOC_CHARS = 500_000;

const ALLOWED_LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

export function isAllowedHref(href: string): boolean {
  try {
    return ALLOWED_LINK_PROTOCOLS.has(new URL(href.trim()).protocol);
  } catch {
    return false;
  }
}

export const ATTACHMENT_SRC = /^\/api\/v1\/attachments\/([A-Za-z0-9_-]{1,64})$/;

/** The attachment id an image src points at, or null. */
export function attachmentIdFromSrc(src: string): string | null {
  return ATTACHMENT_SRC.exec(src)?.[1] ?? null;
}

const Mark: z.ZodType<TipTapMark> = z.discriminatedUnion("type", [
  z.object({ type: z.enum(["bold", "italic", "code", "strike"]) }),
  z.object({
    type: z.literal("link"),
    attrs: z.object({
      href: z.string().max(2048).refine(isAllowedHref, "Links may only use http, https or mailto"),
    }),
  }),
]);

const Text: z.ZodType<TipTapText> = z.object({
  type: z.literal("text"),
  text: z.string().min(1),
  marks: z.array(Mark).optional(),
});

const PlainText: z.ZodType<TipTapText> = z.object({ type: z.literal("text"), text: z.string().min(1) });

const Inline: z.ZodType<TipTapInline> = z.union([Text, z.object({ type: z.literal("hardBreak") })]);

const Block: z.ZodType<TipTapBlock> = z.lazy(() =>
  z.discriminatedUnion("type", [
    z.object({ type: z.literal("paragraph"), content: z.array(Inline).optional() }),
    z.object({
      type: z.literal("heading"),
      attrs: z.object({ level: z.union([z.literal(1), z.literal(2), z.literal(3)]) }),
      content: z.array(Inline).optional(),
    }),
    z.object({ type: z.literal("bulletList"), content: z.array(ListItem).optional() }),
    z.object({
      type: z.literal("orderedList"),
      attrs: z
        .object({ start: z.number().int().min(0).max(1_000_000).optional(), type: z.string().max(8).nullable().optional() })
        .optional(),
      content: z.array(ListItem).optional(),
    }),
    z.object({ type: z.literal("blockquote"), content: z.array(Block).optional() }),
    z.object({
      type: z.literal("codeBlock"),
      attrs: z
        .object({
          language: z
            .string()
            .regex(/^[A-Za-z0-9+#_-]{0,32}$/)
            .nullable()
            .optional(),
        })
        .optional(),
      content: z.array(PlainText).optional(),
    }),
    z.object({ type: z.literal("horizontalRule") }),
    z.object({
      type: z.literal("table"),
      content: z.array(z.object({ type: z.literal("tableRow"), content: z.array(TableCell).optional() })).optional(),
    }),
    z.object({
      type: z.literal("image"),
      attrs: z.object({
        src: z.string().regex(ATTACHMENT_SRC, "Images must be uploaded to this incident"),
        alt: z.string().max(500).nullable().optional(),
        title: z.string().max(500).nullable().optional(),
      }),
    }),
  ]),
);

const ListItem: z.ZodType<TipTapListItem> = z.object({ type: z.literal("listItem"), content: z.array(Block).optional() });

const TableCell: z.ZodType<TipTapTableCell> = z.object({
  type: z.enum(["tableCell", "tableHeader"]),
  attrs: z
    .object({
      colspan: z.number().int().min(1).max(100).optional(),
      rowspan: z.number().int().min(1).max(100).optional(),
      colwidth: z.array(z.number().int().min(0).max(10_000)).nullable().optional(),
    })
    .optional(),
  content: z.array(Block).optional(),
});

export const TipTapDocSchema: z.ZodType<TipTapDoc> = z
  .object({ type: z.literal("doc"), content: z.array(Block).optional() })
  .refine((doc) => JSON.stringify(doc).length <= MAX_DOC_CHARS, "This section is too long");

/** Every attachment id referenced by an image in the document. */
export function imageAttachmentIds(doc: TipTapDoc): string[] {
  const ids = new Set<string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const n = node as { type?: string; attrs?: { src?: string }; content?: unknown[] };
    if (n.type === "image" && n.attrs?.src) {
      const id = attachmentIdFromSrc(n.attrs.src);
      if (id) ids.add(id);
    }
    n.content?.forEach(walk);
  };
  walk(doc);
  return [...ids];
}

/** Plain text of a document (search snippets, diffs of narrative revisions). */
export function docToPlainText(doc: unknown): string {
  const blocks: string[] = [];
  const inline = (node: unknown): string => {
    if (!node || typeof node !== "object") return "";
    const n = node as { type?: string; text?: string; content?: unknown[] };
    if (n.type === "text") return n.text ?? "";
    if (n.type === "hardBreak") return "\n";
    return (n.content ?? []).map(inline).join("");
  };
  const walk = (node: unknown, prefix = ""): void => {
    if (!node || typeof node !== "object") return;
    const n = node as { type?: string; attrs?: Record<string, unknown>; content?: unknown[] };
    switch (n.type) {
      case "doc":
      case "blockquote":
      case "table":
        (n.content ?? []).forEach((c) => walk(c, n.type === "blockquote" ? `${prefix}> ` : prefix));
        return;
      case "bulletList":
      case "orderedList":
        (n.content ?? []).forEach((c, i) => walk(c, `${prefix}${n.type === "bulletList" ? "- " : `${i + 1}. `}`));
        return;
      case "listItem":
        (n.content ?? []).forEach((c) => walk(c, prefix));
        return;
      case "tableRow":
        blocks.push(prefix + (n.content ?? []).map((c) => inline(c).trim()).join(" | "));
        return;
      case "heading":
        blocks.push(`${prefix}${"#".repeat(Number(n.attrs?.level ?? 1))} ${inline(n)}`);
        return;
      case "horizontalRule":
        blocks.push(`${prefix}---`);
        return;
      case "image":
        blocks.push(`${prefix}[image ${String(n.attrs?.alt ?? "")}]`.trimEnd());
        return;
      default:
        blocks.push(prefix + inline(n));
    }
  };
  walk(doc);
  return blocks.join("\n");
}
