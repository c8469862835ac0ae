import StarterKit from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";
import Image from "@tiptap/extension-image";
import type { Extensions } from "@tiptap/core";

/**
 * The one extension set for narrative sections, shared by the browser editor and server rendering
 * (generateHTML), and mirrored by content-schema.ts. Enable a node here only together with the schema.
 */
export function narrativeExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3] },
      underline: false,
      link: {
        openOnClick: false,
        autolink: true,
        protocols: ["mailto"],
        HTMLAttributes: { rel: "noopener noreferrer", target: "_blank" },
        isAllowedUri: (url) => /^(https?:|mailto:)/i.test(url),
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
    Image.configure({ inline: false, allowBase64: false }),
  ];
}
