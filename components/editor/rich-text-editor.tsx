"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import { EditorContent, useEditor, type Editor, type JSONContent } from "@tiptap/react";
import { narrativeExtensions } from "@/lib/postmortems/editor-extensions";
import { formatInZone } from "@/lib/time/zones";
import { NARRATIVE_CONTENT_CLASS } from "@/components/editor/content-class";
import type { ActionResult } from "@/lib/transport/action-result";

/** What the server says about the version that won a stale save. */
export type TheirVersion = { content: JSONContent; version: number; updatedBy?: string | null };

export type SaveResult = ActionResult<{ version: number; updatedAt: string | Date }>;

type SaveState =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "error"; message: string }
  | { kind: "conflict"; theirs: TheirVersion; message: string };

export type RichTextEditorProps = {
  /** Accessible name of the editing area, e.g. the section title. */
  label: string;
  initialContent: JSONContent;
  initialVersion: number;
  /** Persists the document; a CONFLICT result carries `details.current` (their version). */
  onSave: (content: JSONContent, version: number) => Promise<SaveResult>;
  /** Route that accepts a raw image body and answers `{ url }`. */
  uploadUrl: string;
  /** Zone used to show the save time (explicit, never the browser's). */
  timeZone: string;
  autosaveMs?: number;
};

const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];

async function uploadImage(uploadUrl: string, file: File): Promise<string> {
  const res = await fetch(uploadUrl, {
    method: "POST",
    body: file,
    headers: { "Content-Type": "application/octet-stream", "X-File-Name": encodeURIComponent(file.name) },
  });
  const body = (await res.json().catch(() => null)) as { url?: string; error?: { message?: string } } | null;
  if (!res.ok || !body?.url) throw new Error(body?.error?.message ?? `Upload failed (${res.status})`);
  return body.url;
}

/** The one TipTap wrapper: toolbar, image paste/drop upload, debounced autosave and conflict handling. */
export function RichTextEditor({
  label,
  initialContent,
  initialVersion,
  onSave,
  uploadUrl,
  timeZone,
  autosaveMs = 1500,
}: RichTextEditorProps) {
  const versionRef = useRef(initialVersion);
  const dirtyRef = useRef(false);
  const savingRef = useRef(false);
  const conflictRef = useRef(false);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const editorRef = useRef<Editor | null>(null);
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const [uploadError, setUploadError] = useState<string | null>(null);

  const saveRef = useRef<() => Promise<void>>(async () => undefined);

  const schedule = useCallback(() => {
    if (timerRef.current) clearTimeout(timerRef.current);
    timerRef.current = setTimeout(() => void saveRef.current(), autosaveMs);
  }, [autosaveMs]);

  const save = useCallback(async () => {
    const editor = editorRef.current;
    if (!editor || savingRef.current || conflictRef.current || !dirtyRef.current) return;
    savingRef.current = true;
    dirtyRef.current = false;
    setState({ kind: "saving" });
    try {
      // ProseMirror builds node attrs with Object.create(null); the server-action encoder would
      // send those as placeholders, so hand it plain JSON (images, headings, tables keep their attrs).
      const result = await onSave(JSON.parse(JSON.stringify(editor.getJSON())), versionRef.current);
      if (result.ok) {
        versionRef.current = result.data.version;
        setState(dirtyRef.current ? { kind: "dirty" } : { kind: "saved", at: new Date(result.data.updatedAt) });
      } else {
        const theirs =
          result.error.code === "CONFLICT"
            ? (result.error.details as { current?: TheirVersion } | undefined)?.current
            : undefined;
        dirtyRef.current = true;
        if (theirs) {
          conflictRef.current = true;
          setState({ kind: "conflict", theirs, message: result.error.message });
        } else {
          setState({ kind: "error", message: result.error.message });
        }
      }
    } catch {
      dirtyRef.current = true;
      setState({ kind: "error", message: "the server could not be reached" });
    } finally {
      savingRef.current = false;
    }
    // Typing during the save leaves the document dirty: save again once this one is done.
    if (dirtyRef.current && !conflictRef.current) schedule();
  }, [onSave, schedule]);

  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  const insertImages = useCallback(
    (files: File[]) => {
      const images = files.filter((f) => IMAGE_TYPES.includes(f.type));
      if (images.length === 0) return false;
      setUploadError(null);
      for (const file of images) {
        uploadImage(uploadUrl, file)
          .then((src) => editorRef.current?.chain().focus().setImage({ src, alt: file.name }).run())
          .catch((e: Error) => setUploadError(e.message));
      }
      return true;
    },
    [uploadUrl],
  );

  const editor = useEditor({
    extensions: narrativeExtensions(),
    content: initialContent,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        "aria-label": label,
        role: "textbox",
        "aria-multiline": "true",
        class: `${NARRATIVE_CONTENT_CLASS} min-h-24 p-3 focus:outline-none`,
      },
      handlePaste: (_view, event) => insertImages(Array.from(event.clipboardData?.files ?? [])),
      handleDrop: (_view, event) => insertImages(Array.from((event as DragEvent).dataTransfer?.files ?? [])),
      // Ctrl/Cmd+S saves now instead of waiting for the autosave pause (and keeps the browser's dialog away).
      handleKeyDown: (_view, event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
          event.preventDefault();
          if (timerRef.current) clearTimeout(timerRef.current);
          void saveRef.current();
          return true;
        }
        return false;
      },
    },
    onUpdate: () => {
      dirtyRef.current = true;
      if (!conflictRef.current) {
        setState({ kind: "dirty" });
        schedule();
      }
    },
    onBlur: () => {
      if (timerRef.current) clearTimeout(timerRef.current);
      void saveRef.current();
    },
  });

  useEffect(() => {
    editorRef.current = editor;
  }, [editor]);

  useEffect(
    () => () => {
      if (timerRef.current) clearTimeout(timerRef.current);
    },
    [],
  );

  const keepTheirs = () => {
    if (state.kind !== "conflict" || !editor) return;
    versionRef.current = state.theirs.version;
    conflictRef.current = false;
    editor.commands.setContent(state.theirs.content, { emitUpdate: false });
    dirtyRef.current = false;
    setState({ kind: "saved", at: new Date() });
  };

  const overwriteWithMine = () => {
    if (state.kind !== "conflict") return;
    versionRef.current = state.theirs.version;
    conflictRef.current = false;
    dirtyRef.current = true;
    void saveRef.current();
  };

  return (
    <div className="rounded border border-slate-300 dark:border-slate-700">
      {editor && <Toolbar editor={editor} onImages={insertImages} />}
      <EditorContent editor={editor} />
      <div className="flex items-center justify-between border-t border-slate-200 px-3 py-1 text-xs dark:border-slate-800">
        <p
          role="status"
          aria-live="polite"
          className={state.kind === "error" || state.kind === "conflict" ? "text-red-700 dark:text-red-400" : "text-slate-500"}
        >
          {statusText(state, timeZone)}
        </p>
        {uploadError && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            Image not uploaded: {uploadError}
          </p>
        )}
      </div>
      {state.kind === "conflict" && (
        <div role="alert" className="space-y-2 border-t border-amber-400 bg-amber-50 p-3 text-sm dark:bg-amber-950">
          <p>{state.message}</p>
          <p className="font-semibold">Their version{state.theirs.updatedBy ? ` (saved by ${state.theirs.updatedBy})` : ""}:</p>
          <ReadOnlyDoc content={state.theirs.content} label="Their version" />
          <p className="text-slate-600 dark:text-slate-400">Your version is kept in the editor above.</p>
          <div className="flex gap-2">
            <button type="button" className="btn-secondary" onClick={keepTheirs}>
              Keep theirs
            </button>
            <button type="button" className="btn-primary" onClick={overwriteWithMine}>
              Overwrite with mine
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function statusText(state: SaveState, timeZone: string): string {
  switch (state.kind) {
    case "idle":
      return "All changes saved";
    case "dirty":
      return "Unsaved changes…";
    case "saving":
      return "Saving…";
    case "saved":
      return `Saved ${formatInZone(state.at, timeZone, "HH:mm")}`;
    case "error":
      return `Not saved: ${state.message}`;
    case "conflict":
      return "Not saved: someone else changed this section";
  }
}

function ReadOnlyDoc({ content, label }: { content: JSONContent; label: string }) {
  const editor = useEditor({
    extensions: narrativeExtensions(),
    content,
    editable: false,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        "aria-label": label,
        class: `${NARRATIVE_CONTENT_CLASS} rounded border border-slate-300 bg-white p-2 dark:bg-slate-900`,
      },
    },
  });
  useEffect(() => {
    editor?.commands.setContent(content, { emitUpdate: false });
  }, [editor, content]);
  return <EditorContent editor={editor} />;
}

function Toolbar({ editor, onImages }: { editor: Editor; onImages: (files: File[]) => boolean }) {
  const fileInputId = useId();
  const [, force] = useState(0);
  useEffect(() => {
    const rerender = () => force((n) => n + 1);
    editor.on("transaction", rerender);
    return () => {
      editor.off("transaction", rerender);
    };
  }, [editor]);

  const setLink = () => {
    const previous = (editor.getAttributes("link").href as string | undefined) ?? "https://";
    const href = window.prompt("Link address (http, https or mailto)", previous);
    if (href === null) return;
    if (href.trim() === "") {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
      return;
    }
    if (!/^(https?:|mailto:)/i.test(href.trim())) {
      window.alert("Links may only use http, https or mailto.");
      return;
    }
    editor.chain().focus().extendMarkRange("link").setLink({ href: href.trim() }).run();
  };

  const buttons: { label: string; text: string; active?: boolean; run: () => void }[] = [
    { label: "Bold", text: "B", active: editor.isActive("bold"), run: () => editor.chain().focus().toggleBold().run() },
    { label: "Italic", text: "I", active: editor.isActive("italic"), run: () => editor.chain().focus().toggleItalic().run() },
    {
      label: "Strikethrough",
      text: "S",
      active: editor.isActive("strike"),
      run: () => editor.chain().focus().toggleStrike().run(),
    },
    { label: "Inline code", text: "</>", active: editor.isActive("code"), run: () => editor.chain().focus().toggleCode().run() },
    { label: "Link", text: "Link", active: editor.isActive("link"), run: setLink },
    ...([1, 2, 3] as const).map((level) => ({
      label: `Heading ${level}`,
      text: `H${level}`,
      active: editor.isActive("heading", { level }),
      run: () => editor.chain().focus().toggleHeading({ level }).run(),
    })),
    {
      label: "Bulleted list",
      text: "• List",
      active: editor.isActive("bulletList"),
      run: () => editor.chain().focus().toggleBulletList().run(),
    },
    {
      label: "Numbered list",
      text: "1. List",
      active: editor.isActive("orderedList"),
      run: () => editor.chain().focus().toggleOrderedList().run(),
    },
    {
      label: "Quote",
      text: "❝",
      active: editor.isActive("blockquote"),
      run: () => editor.chain().focus().toggleBlockquote().run(),
    },
    {
      label: "Code block",
      text: "{ }",
      active: editor.isActive("codeBlock"),
      run: () => editor.chain().focus().toggleCodeBlock().run(),
    },
    {
      label: "Insert table",
      text: "Table",
      run: () => editor.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    },
    { label: "Insert image", text: "Image", run: () => document.getElementById(fileInputId)?.click() },
  ];

  return (
    <div
      role="toolbar"
      aria-label="Formatting"
      className="flex flex-wrap gap-1 border-b border-slate-200 p-1 dark:border-slate-800"
    >
      {buttons.map((b) => (
        <button
          key={b.label}
          type="button"
          aria-label={b.label}
          title={b.label}
          aria-pressed={b.active === undefined ? undefined : b.active}
          onMouseDown={(e) => e.preventDefault()}
          onClick={b.run}
          className={`rounded px-2 py-0.5 text-sm ${b.active ? "bg-slate-200 dark:bg-slate-700" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
        >
          {b.text}
        </button>
      ))}
      <input
        id={fileInputId}
        type="file"
        accept={IMAGE_TYPES.join(",")}
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          onImages(Array.from(e.target.files ?? []));
          e.target.value = "";
        }}
      />
    </div>
  );
}
