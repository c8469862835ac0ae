"use client";

import { useState, type DragEvent } from "react";

/**
 * A drop zone's drag handlers: highlight while files are dragged over (leaving a child element
 * does not count as leaving), refuse drops while an import runs, hand dropped files on.
 */
export function useFileDrop({ busy, onFiles }: { busy: boolean; onFiles: (files: FileList) => void }) {
  const [dragging, setDragging] = useState(false);
  const handlers = {
    onDragEnter: (e: DragEvent<HTMLElement>) => {
      e.preventDefault();
      if (!busy) setDragging(true);
    },
    onDragOver: (e: DragEvent<HTMLElement>) => {
      e.preventDefault();
      e.dataTransfer.dropEffect = busy ? "none" : "copy";
    },
    onDragLeave: (e: DragEvent<HTMLElement>) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (e: DragEvent<HTMLElement>) => {
      e.preventDefault();
      setDragging(false);
      if (!busy) onFiles(e.dataTransfer.files);
    },
  };
  return { dragging, handlers };
}
