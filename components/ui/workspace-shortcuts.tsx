"use client";

import { useEffect, useState } from "react";

function typingInField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

/**
 * Keyboard moves through the workspace: "j"/"k" jump to the next/previous section, "?" lists the
 * shortcuts. Sections opt in by being <section aria-labelledby>; their heading receives focus.
 */
export function WorkspaceShortcuts() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || typingInField(event.target)) return;
      if (event.key === "?") {
        setOpen((o) => !o);
        return;
      }
      if (event.key === "Escape") setOpen(false);
      if (event.key === "e") {
        const edit = document.querySelector<HTMLAnchorElement>('a[data-shortcut="e"]');
        if (edit) {
          event.preventDefault();
          edit.click();
        }
        return;
      }
      if (event.key !== "j" && event.key !== "k") return;
      const headings = Array.from(document.querySelectorAll<HTMLElement>("main section[aria-labelledby]")).map((s) =>
        document.getElementById(s.getAttribute("aria-labelledby") ?? ""),
      );
      const list = headings.filter((h): h is HTMLElement => Boolean(h));
      if (list.length === 0) return;
      const current = list.findIndex((h) => h === document.activeElement);
      const next = event.key === "j" ? Math.min(list.length - 1, current + 1) : Math.max(0, current - 1);
      const target = list[current === -1 ? 0 : next];
      target.tabIndex = -1;
      target.focus();
      target.scrollIntoView({ block: "start", behavior: "smooth" });
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="text-xs text-slate-500">
      <button type="button" className="underline" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        Keyboard shortcuts (?)
      </button>
      {open && (
        <dl className="card mt-2 grid max-w-sm grid-cols-[4rem_1fr] gap-1 text-sm text-slate-700 dark:text-slate-300">
          <dt>
            <kbd>j</kbd> / <kbd>k</kbd>
          </dt>
          <dd>Next / previous section</dd>
          <dt>
            <kbd>n</kbd>
          </dt>
          <dd>New timeline event</dd>
          <dt>
            <kbd>e</kbd>
          </dt>
          <dd>Edit the overview</dd>
          <dt>
            <kbd>?</kbd>
          </dt>
          <dd>Show or hide this list</dd>
        </dl>
      )}
    </div>
  );
}
