import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser, SYSTEM } from "./support/factories";
import { createIncident } from "@/lib/incidents/create-incident";
import { saveSection } from "@/lib/postmortems/save-section";
import { getNarrative } from "@/lib/postmortems/get-narrative";
import { docToPlainText, type TipTapDoc } from "@/lib/postmortems/content-schema";
import { BUILT_IN_TEMPLATES } from "@/lib/templates/built-in";
import { ensureBuiltInTemplates } from "@/lib/templates/ensure-built-in-templates";
import { listTemplates } from "@/lib/templates/list-templates";
import { getTemplate } from "@/lib/templates/get-template";
import { cloneTemplate, createTemplate, updateTemplate } from "@/lib/templates/save-template";
import { switchPostmortemTemplate, templateChoices, templateForPostmortem } from "@/lib/templates/postmortem-template";
import { previewTemplate } from "@/lib/templates/preview-template";
import type { TemplateSectionInput } from "@/lib/templates/types";

const doc = (text: string): TipTapDoc => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

const narrative = (key: string, title: string, hint = ""): TemplateSectionInput => ({ kind: "narrative", key, title, hint });
const timeline: TemplateSectionInput = { kind: "data", key: "timeline", title: "Timeline", block: "timeline" };

let seq = 0;
const uniqueKey = (base: string) => `${base}_${Date.now().toString(36)}${seq++}`;

describe.each(DATABASES)("templates on %s", (_kind, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  /** Writes a section through the verb, with the version the page would have loaded. */
  async function write(actor: Awaited<ReturnType<typeof makeUser>>, incidentNumber: number, key: string, text: string) {
    const current = await getNarrative({ actor, input: { incidentNumber } });
    const section = [...current.sections, ...current.otherNotes].find((s) => s.key === key);
    return saveSection({ actor, input: { incidentNumber, key, content: doc(text), version: section?.version ?? 1 } });
  }

  it("installs the built-in templates idempotently, with one version row each", async () => {
    const first = await ensureBuiltInTemplates();
    expect(first.installed.sort()).toEqual(BUILT_IN_TEMPLATES.map((t) => t.key).sort());
    const snapshot = async () => ({
      templates: await database.client.template.findMany({ where: { builtIn: true }, orderBy: { key: "asc" } }),
      versions: await database.client.templateVersion.count(),
      audits: await database.client.auditLog.count({ where: { entityType: "Template" } }),
    });
    const before = await snapshot();
    expect(before.templates).toHaveLength(BUILT_IN_TEMPLATES.length);
    expect(before.versions).toBe(BUILT_IN_TEMPLATES.length);

    // Again, and twice at once (two instances starting together): nothing changes.
    expect(await ensureBuiltInTemplates()).toEqual({ installed: [], updated: [], skipped: [] });
    await Promise.all([ensureBuiltInTemplates(), ensureBuiltInTemplates()]);
    expect(await snapshot()).toEqual(before);

    const sre = await getTemplate({ actor: SYSTEM, input: { key: "google_sre" } });
    expect(sre.builtIn).toBe(true);
    expect(sre.sections).toEqual(BUILT_IN_TEMPLATES.find((t) => t.key === "google_sre")!.sections);
  });

  it("creates, updates and clones templates as versions, with audit rows and a stale save refused with both", async () => {
    const reviewer = await makeUser("reviewer");
    const other = await makeUser("admin");
    const key = uniqueKey("ops_review");
    const v1 = await createTemplate({
      actor: reviewer,
      input: { key, name: "Ops review", audience: "internal", sections: [narrative("summary", "Summary"), timeline] },
    });
    expect(v1.version).toBe(1);

    const v2 = await updateTemplate({
      actor: other,
      input: {
        key,
        version: 1,
        name: "Ops review",
        description: "Weekly",
        audience: "internal",
        sections: [narrative("summary", "Summary"), narrative("findings", "Findings", "What we found"), timeline],
      },
    });
    expect(v2.version).toBe(2);

    const stale = await updateTemplate({
      actor: reviewer,
      input: { key, version: 1, name: "Mine", audience: "customer", sections: [narrative("summary", "Mine")] },
    }).catch((e) => e);
    expect(stale.code).toBe("CONFLICT");
    expect(stale.details.current.version).toBe(2);
    expect(stale.details.current.sections.map((s: { key: string }) => s.key)).toEqual(["summary", "findings", "timeline"]);
    expect(stale.details.current.updatedBy).toBe(other.name);
    expect(stale.details.yours).toMatchObject({ version: 1, name: "Mine" });

    const detail = await getTemplate({ actor: reviewer, input: { key } });
    expect(detail.version).toBe(2);
    expect(detail.description).toBe("Weekly");
    expect(detail.versions.map((v) => [v.version, v.createdBy])).toEqual([
      [2, other.name],
      [1, reviewer.name],
    ]);
    const old = await getTemplate({ actor: reviewer, input: { key, version: 1 } });
    expect(old.sections.map((s) => s.key)).toEqual(["summary", "timeline"]);

    const cloneKey = uniqueKey("sre_copy");
    const clone = await cloneTemplate({ actor: reviewer, input: { sourceKey: "google_sre", key: cloneKey, name: "Our SRE" } });
    expect(clone.version).toBe(1);
    const cloned = await getTemplate({ actor: reviewer, input: { key: cloneKey } });
    expect(cloned.builtIn).toBe(false);
    expect(cloned.sections).toEqual((await getTemplate({ actor: reviewer, input: { key: "google_sre" } })).sections);
    const olderClone = await cloneTemplate({
      actor: reviewer,
      input: { sourceKey: key, sourceVersion: 1, key: uniqueKey("old"), name: "Old" },
    });
    expect((await getTemplate({ actor: reviewer, input: { key: olderClone.key } })).sections.map((s) => s.key)).toEqual([
      "summary",
      "timeline",
    ]);

    const audits = await database.client.auditLog.findMany({
      where: { entityType: "Template", action: { startsWith: "template." }, actorId: { in: [reviewer.id, other.id] } },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => [a.action, (a.data as { key: string }).key])).toEqual([
      ["template.create", key],
      ["template.update", key],
      ["template.clone", cloneKey],
      ["template.clone", olderClone.key],
    ]);
    expect((audits[2].data as { from: unknown }).from).toEqual({ key: "google_sre", version: 1 });

    const listed = await listTemplates({ actor: reviewer });
    expect(listed.find((t) => t.key === key)).toMatchObject({ version: 2, sectionCount: 3, narrativeCount: 2, builtIn: false });
    expect(listed.slice(0, BUILT_IN_TEMPLATES.length).every((t) => t.builtIn)).toBe(true);
  });

  it("refuses editing built-ins in place, reserved and taken keys, and invalid section lists", async () => {
    const reviewer = await makeUser("reviewer");
    const sections = [narrative("summary", "Summary")];
    await expect(
      updateTemplate({ actor: reviewer, input: { key: "google_sre", version: 1, name: "Mine", audience: "internal", sections } }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Clone") });
    await expect(
      createTemplate({ actor: reviewer, input: { key: "short", name: "Short", audience: "internal", sections } }),
    ).rejects.toMatchObject({ code: "VALIDATION", fields: { key: [expect.stringContaining("built-in")] } });
    const key = uniqueKey("taken");
    await createTemplate({ actor: reviewer, input: { key, name: "Taken", audience: "internal", sections } });
    await expect(cloneTemplate({ actor: reviewer, input: { sourceKey: "short", key, name: "Again" } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      createTemplate({
        actor: reviewer,
        input: {
          key: uniqueKey("dup"),
          name: "Dup",
          audience: "internal",
          sections: [narrative("a_b", "A"), narrative("a_b", "B")],
        },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", fields: { "sections.1.key": [expect.stringContaining("used twice")] } });
    await expect(
      createTemplate({ actor: reviewer, input: { key: uniqueKey("empty"), name: "Empty", audience: "internal", sections: [] } }),
    ).rejects.toMatchObject({ code: "VALIDATION", fields: { sections: [expect.any(String)] } });
    await expect(
      createTemplate({
        actor: reviewer,
        input: {
          key: uniqueKey("bad_block"),
          name: "Bad",
          audience: "internal",
          sections: [{ kind: "data", key: "x1", title: "X", block: "nope" } as unknown as TemplateSectionInput],
        },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", fields: { "sections.0.block": [expect.any(String)] } });
    await expect(getTemplate({ actor: reviewer, input: { key: "no_such_template" } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("lets only reviewers and admins manage templates, and only editors switch a postmortem's template", async () => {
    const editor = await makeUser("editor");
    const viewer = await makeUser("viewer");
    const admin = await makeUser("admin");
    const sections = [narrative("summary", "Summary")];
    await expect(
      createTemplate({ actor: editor, input: { key: uniqueKey("ed"), name: "Ed", audience: "internal", sections } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      cloneTemplate({ actor: editor, input: { sourceKey: "short", key: uniqueKey("ed"), name: "Ed" } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const key = uniqueKey("admins");
    await createTemplate({ actor: admin, input: { key, name: "Admins", audience: "internal", sections } });
    await expect(
      updateTemplate({ actor: editor, input: { key, version: 1, name: "Ed", audience: "internal", sections } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Everyone reads templates.
    expect((await listTemplates({ actor: viewer })).some((t) => t.key === key)).toBe(true);

    const incident = await createIncident({ actor: editor, input: incidentInput() });
    await expect(
      switchPostmortemTemplate({ actor: viewer, input: { incidentNumber: incident.number, templateKey: "short" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const switched = await switchPostmortemTemplate({
      actor: editor,
      input: { incidentNumber: incident.number, templateKey: "short" },
    });
    expect(switched.to.key).toBe("short");

    // A restricted incident is not found for those outside it.
    const hidden = await createIncident({ actor: admin, input: incidentInput({ restricted: true }) });
    await expect(
      switchPostmortemTemplate({ actor: editor, input: { incidentNumber: hidden.number, templateKey: "short" } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("pins the version a postmortem was written with while the template moves on", async () => {
    const reviewer = await makeUser("reviewer");
    const editor = await makeUser("editor");
    const key = uniqueKey("pinned");
    await createTemplate({
      actor: reviewer,
      input: {
        key,
        name: "Pinned",
        audience: "internal",
        sections: [narrative("summary", "Summary"), narrative("findings", "Findings", "v1 hint"), timeline],
      },
    });
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    expect((await getNarrative({ actor: editor, input: { incidentNumber: incident.number } })).template).toMatchObject({
      key: "google_sre",
      version: 1,
    });
    const switched = await switchPostmortemTemplate({
      actor: editor,
      input: { incidentNumber: incident.number, templateKey: key },
    });
    expect(switched.to).toMatchObject({ key, version: 1 });
    await write(editor, incident.number, "findings", "The cache had no owner.");

    await updateTemplate({
      actor: reviewer,
      input: {
        key,
        version: 1,
        name: "Pinned",
        audience: "internal",
        sections: [
          narrative("summary", "Overview"),
          narrative("findings", "What we found", "v2 hint"),
          narrative("follow_up", "Follow-up"),
        ],
      },
    });

    // Still written with v1: v1's slots, titles and hints.
    const pinned = await getNarrative({ actor: editor, input: { incidentNumber: incident.number } });
    expect(pinned.template).toMatchObject({ key, version: 1, latestVersion: 2 });
    expect(pinned.sections.map((s) => [s.key, s.title, s.hint])).toEqual([
      ["summary", "Summary", ""],
      ["findings", "Findings", "v1 hint"],
    ]);
    expect(await templateForPostmortem({ actor: editor, incidentNumber: incident.number })).toMatchObject({ key, version: 1 });
    expect(await templateForPostmortem({ actor: editor, incidentNumber: incident.number, templateKey: key })).toMatchObject({
      version: 1,
    });
    // Another template asked for by key (an export with ?template=) is that template's latest version.
    expect(await templateForPostmortem({ actor: editor, incidentNumber: incident.number, templateKey: "short" })).toMatchObject({
      key: "short",
    });
    const choices = await templateChoices({ actor: editor, incidentNumber: incident.number });
    expect(choices.current).toEqual({ key, name: "Pinned", version: 1, latestVersion: 2 });

    // A new postmortem switched to the template gets v2; choosing it again moves the first one to v2.
    const second = await createIncident({ actor: editor, input: incidentInput() });
    expect(
      (await switchPostmortemTemplate({ actor: editor, input: { incidentNumber: second.number, templateKey: key } })).to.version,
    ).toBe(2);
    await switchPostmortemTemplate({ actor: editor, input: { incidentNumber: incident.number, templateKey: key } });
    const moved = await getNarrative({ actor: editor, input: { incidentNumber: incident.number } });
    expect(moved.template.version).toBe(2);
    expect(moved.sections.map((s) => [s.key, s.title])).toEqual([
      ["summary", "Overview"],
      ["findings", "What we found"],
      ["follow_up", "Follow-up"],
    ]);
    expect(docToPlainText(moved.sections[1].content)).toBe("The cache had no owner.");
  });

  it("switching maps sections by key and keeps unmapped narrative under Other notes: nothing is dropped", async () => {
    const editor = await makeUser("editor");
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    const n = incident.number;
    await write(editor, n, "summary", "Redis filled up.");
    await write(editor, n, "trigger", "The evening peak.");
    await write(editor, n, "went_well", "Failover worked.");
    const sectionsBefore = await database.client.postmortemSection.findMany({
      where: { postmortem: { incidentId: incident.id } },
    });

    const toShort = await switchPostmortemTemplate({ actor: editor, input: { incidentNumber: n, templateKey: "short" } });
    expect(toShort.from).toEqual({ key: "google_sre", version: 1 });
    expect(toShort.mapped).toEqual(["summary"]);
    expect(toShort.otherNotes.sort()).toEqual(["trigger", "went_well"]);

    const short = await getNarrative({ actor: editor, input: { incidentNumber: n } });
    expect(short.template.key).toBe("short");
    expect(short.sections.map((s) => [s.key, s.title])).toEqual([
      ["summary", "Issue"],
      ["recovery", "Resolution and Recovery"],
    ]);
    expect(docToPlainText(short.sections[0].content)).toBe("Redis filled up.");
    // Other notes: written text only, under the titles it was written with.
    expect(short.otherNotes.map((s) => [s.key, s.title, docToPlainText(s.content)])).toEqual([
      ["trigger", "Trigger", "The evening peak."],
      ["went_well", "What went well", "Failover worked."],
    ]);
    // Every stored section is still there, unchanged.
    const sectionsAfter = await database.client.postmortemSection.findMany({
      where: { postmortem: { incidentId: incident.id } },
    });
    for (const s of sectionsBefore) {
      expect(sectionsAfter.find((a) => a.key === s.key)).toMatchObject({ content: s.content, version: s.version });
    }

    // Other notes stay editable; keys that are neither a slot nor stored are refused.
    await write(editor, n, "trigger", "The evening peak after the campaign.");
    await expect(
      saveSection({ actor: editor, input: { incidentNumber: n, key: "timelines", content: doc("x"), version: 1 } }),
    ).rejects.toMatchObject({ code: "VALIDATION", fields: { key: [expect.stringContaining("has no section")] } });
    await expect(
      saveSection({ actor: editor, input: { incidentNumber: n, key: "Bad Key!", content: doc("x"), version: 1 } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });

    // Back to the Google SRE template: the notes return to their slots.
    const back = await switchPostmortemTemplate({ actor: editor, input: { incidentNumber: n, templateKey: "google_sre" } });
    expect(back.otherNotes).toEqual([]);
    const sre = await getNarrative({ actor: editor, input: { incidentNumber: n } });
    expect(sre.otherNotes).toEqual([]);
    expect(docToPlainText(sre.sections.find((s) => s.key === "trigger")!.content)).toBe("The evening peak after the campaign.");

    const audit = await database.client.auditLog.findMany({
      where: { incidentId: incident.id, action: "postmortem.template.switch" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => (a.data as { to: { key: string } }).to.key)).toEqual(["short", "google_sre"]);

    await database.client.postmortem.update({ where: { incidentId: incident.id }, data: { status: "published" } });
    await expect(
      switchPostmortemTemplate({ actor: editor, input: { incidentNumber: n, templateKey: "short" } }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("reopen") });
  });

  it("shows a postmortem written before templates with the default template, its other keys under Other notes", async () => {
    const editor = await makeUser("editor");
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    const postmortem = await database.client.postmortem.create({ data: { incidentId: incident.id } });
    await database.client.postmortemSection.createMany({
      data: [
        { postmortemId: postmortem.id, key: "summary", title: "Summary", position: 1, content: doc("Old summary") },
        { postmortemId: postmortem.id, key: "response", title: "Response", position: 4, content: doc("We failed over.") },
        {
          postmortemId: postmortem.id,
          key: "got_lucky",
          title: "Lessons learned: where we got lucky",
          position: 8,
          content: doc(""),
        },
      ],
    });
    const view = await getNarrative({ actor: editor, input: { incidentNumber: incident.number } });
    expect(view.template).toMatchObject({ key: "google_sre", version: 1 });
    expect(await database.client.postmortem.findUniqueOrThrow({ where: { id: postmortem.id } })).toMatchObject({
      templateVersion: 1,
    });
    expect(view.sections.map((s) => s.key)).toEqual([
      "summary",
      "impact",
      "trigger",
      "recovery",
      "detection",
      "went_well",
      "went_wrong",
      "got_lucky",
    ]);
    expect(docToPlainText(view.sections[0].content)).toBe("Old summary");
    expect(view.otherNotes.map((s) => [s.key, s.title])).toEqual([["response", "Response"]]);
    await write(editor, incident.number, "response", "We failed over to the secondary region.");
  });

  it("previews an unsaved template on an incident the actor can see", async () => {
    const editor = await makeUser("editor");
    const outsider = await makeUser("reviewer");
    const incident = await createIncident({ actor: editor, input: incidentInput({ title: "Queue backlog", restricted: true }) });
    await write(editor, incident.number, "summary", "The queue <b>backed up</b>.");
    const template = {
      key: "draft",
      version: 0,
      name: "Draft",
      audience: "internal" as const,
      sections: [narrative("summary", "What happened"), narrative("customer_comms", "Customer communication"), timeline],
    };
    const { html } = await previewTemplate({ actor: editor, input: { incidentNumber: incident.number, template } });
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain("Queue backlog");
    expect(html).toContain("What happened");
    expect(html).toContain("Customer communication");
    expect(html).toContain("backed up");
    expect(html).not.toContain("<b>backed up</b>");
    await expect(
      previewTemplate({ actor: outsider, input: { incidentNumber: incident.number, template } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      previewTemplate({ actor: editor, input: { incidentNumber: incident.number, template: { ...template, sections: [] } } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("stores a changed built-in definition as a new version; postmortems keep the version they pinned", async () => {
    const editor = await makeUser("editor");
    const incident = await createIncident({ actor: editor, input: incidentInput() });
    await switchPostmortemTemplate({
      actor: editor,
      input: { incidentNumber: incident.number, templateKey: "customer_summary" },
    });
    const row = await database.client.template.findUniqueOrThrow({ where: { key: "customer_summary" } });
    // What an older release installed: the stored definition differs from the code's.
    await database.client.template.update({ where: { id: row.id }, data: { name: "Old customer summary" } });

    const result = await ensureBuiltInTemplates();
    expect(result.updated).toEqual(["customer_summary"]);
    const after = await database.client.template.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.version).toBe(row.version + 1);
    expect(after.name).toBe(row.name);
    expect(await database.client.templateVersion.count({ where: { templateId: row.id } })).toBe(2);
    expect(await ensureBuiltInTemplates()).toEqual({ installed: [], updated: [], skipped: [] });
    expect((await getNarrative({ actor: editor, input: { incidentNumber: incident.number } })).template.version).toBe(
      row.version,
    );
  });
});
