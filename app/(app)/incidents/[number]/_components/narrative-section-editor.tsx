"use client";

import { useCallback } from "react";
import type { JSONContent } from "@tiptap/react";
import { RichTextEditor } from "@/components/editor/rich-text-editor";
import type { TipTapDoc } from "@/lib/postmortems/content-schema";
import { saveSectionAction } from "../narrative-actions";

export function NarrativeSectionEditor(props: {
  incidentNumber: number;
  sectionKey: string;
  title: string;
  content: unknown;
  version: number;
  timeZone: string;
}) {
  const { incidentNumber, sectionKey } = props;
  const onSave = useCallback(
    (content: JSONContent, version: number) =>
      saveSectionAction({ incidentNumber, key: sectionKey, content: content as TipTapDoc, version }),
    [incidentNumber, sectionKey],
  );
  return (
    <RichTextEditor
      label={props.title}
      initialContent={props.content as JSONContent}
      initialVersion={props.version}
      onSave={onSave}
      uploadUrl={`/api/v1/incidents/${incidentNumber}/attachments`}
      timeZone={props.timeZone}
    />
  );
}
