import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser } from "./support/factories";
import type { Actor } from "@/lib/auth/actor";
import type { AppError } from "@/lib/errors";
import { createIncident } from "@/lib/incidents/create-incident";
import { createDeliverable } from "@/lib/deliverables/create-deliverable";
import { updateDeliverable } from "@/lib/deliverables/update-deliverable";
import { deleteDeliverable } from "@/lib/deliverables/delete-deliverable";
import { moveDeliverable } from "@/lib/deliverables/move-deliverable";
import { listDeliverables } from "@/lib/deliverables/list-deliverables";
import { getReportFields } from "@/lib/deliverables/get-report-fields";
import { saveReportFields } from "@/lib/deliverables/save-report-fields";
import { getLoadTestJournal, updateLoadTestJournal } from "@/lib/loadtests/update-load-test-journal";
import { updateLoadTestRun } from "@/lib/loadtests/update-load-test-run";
import { createRootCause } from "@/lib/rootcauses/create-root-cause";
import { updateRootCause } from "@/lib/rootcauses/update-root-cause";

type User = Extract<Actor, { kind: "user" }>;

const deliverable = (incidentId: string, patch: Record<string, unknown> = {}) => ({
  incidentId,
  number: "1",
  title: "Status page for the messaging API",
  link: "https://github.com/example/hindsight/pull/42",
  notes: "Deployed to production",
  engineeringTime: "3 days",
  ...patch,
});

const editOf = (d: { id: string; version: number }, patch: Record<string, unknown> = {}) => ({
  id: d.id,
  version: d.version,
  number: "1",
  title: "Status page",
  link: "",
  notes: "",
  engineeringTime: "3 days",
  ...patch,
});

const cause = (incidentId: string, patch: Record<string, unknown> = {}) => ({
  incidentId,
  category: "capacity" as const,
  description: "Redis maxmemory reached under the nightly batch",
  whys: ["Evictions spiked"],
  isTrigger: false,
  factors: [],
  ...patch,
});

describe.each(DATABASES)("report authoring data on %s", (_kind, fresh) => {
  let database: TestDatabase;
  let editor: User, otherEditor: User, viewer: User, outsider: User;

  beforeAll(async () => {
    database = await fresh();
    [editor, otherEditor, viewer, outsider] = await Promise.all([
      makeUser("editor"),
      makeUser("editor"),
      makeUser("viewer"),
      makeUser("editor"),
    ]);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const audits = (action: string, entityId?: string) =>
    database.client.auditLog.findMany({ where: { action, ...(entityId ? { entityId } : {}) }, orderBy: { at: "asc" } });

  describe("deliverables", () => {
    it("creates, edits under a version, refuses a stale edit with both texts, and deletes", async () => {
      const incident = await createIncident({ actor: editor, input: incidentInput() });
      const created = await createDeliverable({
        actor: editor,
        input: deliverable(incident.id, { link: "  https://example.org/a  " }),
      });
      expect(created).toMatchObject({
        incidentId: incident.id,
        position: 0,
        number: "1",
        link: "https://example.org/a",
        engineeringTime: "3 days",
        version: 1,
      });
      expect(await audits("deliverable.create", created.id)).toHaveLength(1);

      const saved = await updateDeliverable({
        actor: editor,
        input: editOf(created, { title: "Status page v2", notes: "Behind a flag", engineeringTime: "1 week" }),
      });
      expect(saved).toMatchObject({
        version: 2,
        title: "Status page v2",
        notes: "Behind a flag",
        engineeringTime: "1 week",
        link: "",
      });

      const stale = (await updateDeliverable({ actor: otherEditor, input: editOf(created, { title: "My stale title" }) }).catch(
        (e) => e,
      )) as AppError;
      expect(stale.code).toBe("CONFLICT");
      const details = stale.details as { current: { title: string; version: number }; yours: { title: string } };
      expect(details.current).toMatchObject({ title: "Status page v2", version: 2 });
      expect(details.yours.title).toBe("My stale title");
      const [still] = await listDeliverables({ actor: viewer, incidentId: incident.id });
      expect([still.title, still.version]).toEqual(["Status page v2", 2]);

      await deleteDeliverable({ actor: editor, input: { id: created.id } });
      expect(await listDeliverables({ actor: editor, incidentId: incident.id })).toEqual([]);
      const [deleted] = await audits("deliverable.delete", created.id);
      // The audit row keeps what was typed.
      expect(deleted.data).toMatchObject({ title: "Status page v2", notes: "Behind a flag", engineeringTime: "1 week" });
      await expect(deleteDeliverable({ actor: editor, input: { id: created.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(updateDeliverable({ actor: editor, input: editOf(saved) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("refuses links that are not http(s) and names the field", async () => {
      const incident = await createIncident({ actor: editor, input: incidentInput() });
      for (const link of ["javascript:alert(1)", "ftp://example.org/file", "example.org/no-scheme"]) {
        const error = (await createDeliverable({ actor: editor, input: deliverable(incident.id, { link }) }).catch(
          (e) => e,
        )) as AppError;
        expect(error.code).toBe("VALIDATION");
        expect(error.fields?.link).toEqual(["Enter a full http:// or https:// link"]);
      }
      const missing = (await createDeliverable({
        actor: editor,
        input: deliverable(incident.id, { number: " ", title: "" }),
      }).catch((e) => e)) as AppError;
      expect(Object.keys(missing.fields ?? {}).sort()).toEqual(["number", "title"]);
      expect(await listDeliverables({ actor: editor, incidentId: incident.id })).toEqual([]);
    });

    it("moves rows up and down, renumbering positions without touching versions", async () => {
      const incident = await createIncident({ actor: editor, input: incidentInput() });
      const a = await createDeliverable({ actor: editor, input: deliverable(incident.id, { number: "1", title: "A" }) });
      const b = await createDeliverable({ actor: editor, input: deliverable(incident.id, { number: "2", title: "B" }) });
      const c = await createDeliverable({ actor: editor, input: deliverable(incident.id, { number: "3", title: "C" }) });
      const titles = async () => (await listDeliverables({ actor: editor, incidentId: incident.id })).map((d) => d.title);
      expect(await titles()).toEqual(["A", "B", "C"]);

      expect(await moveDeliverable({ actor: editor, input: { id: c.id, direction: "up" } })).toMatchObject({ moved: true });
      expect(await titles()).toEqual(["A", "C", "B"]);
      await moveDeliverable({ actor: editor, input: { id: a.id, direction: "down" } });
      expect(await titles()).toEqual(["C", "A", "B"]);
      // Already first: nothing changes and nothing is audited.
      const before = (await audits("deliverable.move")).length;
      expect(await moveDeliverable({ actor: editor, input: { id: c.id, direction: "up" } })).toMatchObject({ moved: false });
      expect(await audits("deliverable.move")).toHaveLength(before);

      // A delete leaves a gap; the next move closes it.
      await deleteDeliverable({ actor: editor, input: { id: a.id } });
      await moveDeliverable({ actor: editor, input: { id: b.id, direction: "up" } });
      const rows = await listDeliverables({ actor: editor, incidentId: incident.id });
      expect(rows.map((d) => [d.title, d.position, d.version])).toEqual([
        ["B", 0, 1],
        ["C", 1, 1],
      ]);
      // A move never makes an open edit stale.
      expect(await updateDeliverable({ actor: editor, input: editOf(b, { title: "B edited" }) })).toMatchObject({ version: 2 });
      await expect(moveDeliverable({ actor: editor, input: { id: b.id, direction: "sideways" as "up" } })).rejects.toMatchObject({
        code: "VALIDATION",
      });
    });

    it("refuses viewers and hides restricted incidents from non-members", async () => {
      const open = await createIncident({ actor: editor, input: incidentInput() });
      const row = await createDeliverable({ actor: editor, input: deliverable(open.id) });
      const secret = await createIncident({ actor: editor, input: incidentInput({ restricted: true }) });
      const hidden = await createDeliverable({ actor: editor, input: deliverable(secret.id) });
      const before = await database.client.auditLog.count();
      await expect(createDeliverable({ actor: viewer, input: deliverable(open.id) })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(updateDeliverable({ actor: viewer, input: editOf(row) })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(moveDeliverable({ actor: viewer, input: { id: row.id, direction: "down" } })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(deleteDeliverable({ actor: viewer, input: { id: row.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await listDeliverables({ actor: viewer, incidentId: open.id })).toHaveLength(1);

      await expect(createDeliverable({ actor: outsider, input: deliverable(secret.id) })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(updateDeliverable({ actor: outsider, input: editOf(hidden) })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(moveDeliverable({ actor: outsider, input: { id: hidden.id, direction: "up" } })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(deleteDeliverable({ actor: outsider, input: { id: hidden.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(listDeliverables({ actor: outsider, incidentId: secret.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      // Refusals write nothing.
      expect(await database.client.auditLog.count()).toBe(before);
      expect(
        await database.client.deliverable.findMany({ where: { id: { in: [row.id, hidden.id] } }, select: { version: true } }),
      ).toEqual([{ version: 1 }, { version: 1 }]);
    });
  });

  describe("report fields", () => {
    it("creates the postmortem on first save, reads the fields back and refuses a stale save", async () => {
      const incident = await createIncident({ actor: editor, input: incidentInput() });
      expect(await database.client.postmortem.count({ where: { incidentId: incident.id } })).toBe(0);
      expect(await getReportFields({ actor: viewer, incidentId: incident.id })).toEqual({});

      const first = await saveReportFields({
        actor: editor,
        input: {
          incidentId: incident.id,
          applicationLink: "https://grants.example.org/apply/77",
          milestoneNumber: " 2 ",
          previous: {},
        },
      });
      expect(first.fields).toEqual({ applicationLink: "https://grants.example.org/apply/77", milestoneNumber: "2" });
      expect(await getReportFields({ actor: viewer, incidentId: incident.id })).toEqual(first.fields);
      const postmortem = await database.client.postmortem.findUniqueOrThrow({ where: { incidentId: incident.id } });
      // The narrative sections exist too, and the review lock is untouched.
      expect(await database.client.postmortemSection.count({ where: { postmortemId: postmortem.id } })).toBeGreaterThan(0);
      expect(postmortem.version).toBe(1);

      // Clearing a field removes it rather than storing "".
      const second = await saveReportFields({
        actor: editor,
        input: { incidentId: incident.id, applicationLink: "", milestoneNumber: "3", previous: first.fields },
      });
      expect(second.fields).toEqual({ milestoneNumber: "3" });
      expect((await database.client.postmortem.findUniqueOrThrow({ where: { id: postmortem.id } })).fields).toEqual({
        milestoneNumber: "3",
      });

      const stale = (await saveReportFields({
        actor: otherEditor,
        input: { incidentId: incident.id, applicationLink: "", milestoneNumber: "9", previous: first.fields },
      }).catch((e) => e)) as AppError;
      expect(stale.code).toBe("CONFLICT");
      expect(stale.details).toEqual({ current: { milestoneNumber: "3" }, yours: { milestoneNumber: "9" } });
      expect(await getReportFields({ actor: editor, incidentId: incident.id })).toEqual({ milestoneNumber: "3" });
      expect(await audits("postmortem.fields.update", postmortem.id)).toHaveLength(2);
    });

    it("keeps other keys of the fields JSON, refuses bad links, viewers and published postmortems", async () => {
      const incident = await createIncident({ actor: editor, input: incidentInput() });
      await database.client.postmortem.create({ data: { incidentId: incident.id, fields: { audience: "board" } } });
      await saveReportFields({ actor: editor, input: { incidentId: incident.id, milestoneNumber: "1", previous: {} } });
      expect((await database.client.postmortem.findUniqueOrThrow({ where: { incidentId: incident.id } })).fields).toEqual({
        audience: "board",
        milestoneNumber: "1",
      });

      const bad = (await saveReportFields({
        actor: editor,
        input: { incidentId: incident.id, applicationLink: "javascript:alert(1)", previous: { milestoneNumber: "1" } },
      }).catch((e) => e)) as AppError;
      expect(bad.code).toBe("VALIDATION");
      expect(bad.fields?.applicationLink).toEqual(["Enter a full http:// or https:// link"]);

      await expect(
        saveReportFields({
          actor: viewer,
          input: { incidentId: incident.id, milestoneNumber: "2", previous: { milestoneNumber: "1" } },
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });

      await database.client.postmortem.update({ where: { incidentId: incident.id }, data: { status: "published" } });
      await expect(
        saveReportFields({
          actor: editor,
          input: { incidentId: incident.id, milestoneNumber: "2", previous: { milestoneNumber: "1" } },
        }),
      ).rejects.toMatchObject({ code: "CONFLICT" });

      const secret = await createIncident({ actor: editor, input: incidentInput({ restricted: true }) });
      await expect(getReportFields({ actor: outsider, incidentId: secret.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(
        saveReportFields({ actor: outsider, input: { incidentId: secret.id, milestoneNumber: "2", previous: {} } }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await database.client.postmortem.count({ where: { incidentId: secret.id } })).toBe(0);
    });
  });

  describe("load-test journal", () => {
    const makeRun = () =>
      database.client.loadTestRun.create({
        data: { name: "Checkout at 300 users", tool: "jmeter", format: "jmeter-csv", statisticsSource: "samples" },
      });

    it("saves the entry under the run's version and refuses a stale save with both entries", async () => {
      const run = await makeRun();
      expect(await getLoadTestJournal({ actor: viewer, id: run.id })).toEqual({
        id: run.id,
        version: 1,
        journal: { changes: "", nextUp: "", notDoing: "", thoughts: "" },
      });
      const entry = {
        changes: "Added the Redis cache in front of the catalogue.",
        nextUp: "Run at 500 users.",
        notDoing: "No CDN yet: the pages are personalised.",
        thoughts: "p95 fell from 1.5 s to 10 ms.",
      };
      const saved = await updateLoadTestJournal({ actor: editor, input: { id: run.id, version: 1, ...entry } });
      expect(saved).toEqual({ id: run.id, version: 2, journal: entry });
      expect(await getLoadTestJournal({ actor: viewer, id: run.id })).toEqual(saved);
      const [audit] = await audits("loadtest.journal.update", run.id);
      expect(audit.data).toEqual({ version: 2, changed: ["changes", "nextUp", "notDoing", "thoughts"] });

      const stale = (await updateLoadTestJournal({
        actor: otherEditor,
        input: { id: run.id, version: 1, ...entry, thoughts: "My stale thought" },
      }).catch((e) => e)) as AppError;
      expect(stale.code).toBe("CONFLICT");
      expect(stale.details).toMatchObject({
        current: { version: 2, journal: entry },
        yours: { version: 1, journal: { thoughts: "My stale thought" } },
      });

      // The journal shares the run's lock with its name, notes and setup.
      await updateLoadTestRun({ actor: editor, input: { id: run.id, version: 2, name: "Renamed", notes: "", environment: "" } });
      await expect(
        updateLoadTestJournal({ actor: editor, input: { id: run.id, version: 2, ...entry, thoughts: "Late" } }),
      ).rejects.toMatchObject({ code: "CONFLICT" });
      expect((await getLoadTestJournal({ actor: editor, id: run.id })).journal.thoughts).toBe(entry.thoughts);
    });

    it("refuses parts over 10,000 characters, viewers and unknown runs", async () => {
      const run = await makeRun();
      const long = (await updateLoadTestJournal({
        actor: editor,
        input: { id: run.id, version: 1, changes: "x".repeat(10_001) },
      }).catch((e) => e)) as AppError;
      expect(long.code).toBe("VALIDATION");
      expect(Object.keys(long.fields ?? {})).toEqual(["changes"]);
      expect(
        await updateLoadTestJournal({ actor: editor, input: { id: run.id, version: 1, changes: "x".repeat(10_000) } }),
      ).toMatchObject({ version: 2, journal: { changes: "x".repeat(10_000), nextUp: "", notDoing: "", thoughts: "" } });
      await expect(updateLoadTestJournal({ actor: viewer, input: { id: run.id, version: 2 } })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(updateLoadTestJournal({ actor: editor, input: { id: "missing", version: 1 } })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(getLoadTestJournal({ actor: viewer, id: "missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
  });

  describe("root-cause chart link", () => {
    const makeChart = (incidentId: string, title: string) =>
      database.client.metricChart.create({ data: { incidentId, title, position: 0 } });

    it("accepts a chart of the same incident, keeps it when left out, clears it, and refuses another incident's chart", async () => {
      const incident = await createIncident({ actor: editor, input: incidentInput() });
      const other = await createIncident({ actor: editor, input: incidentInput({ title: "Another incident" }) });
      const own = await makeChart(incident.id, "Redis memory");
      const foreign = await makeChart(other.id, "Other memory");

      const linked = await createRootCause({ actor: editor, input: cause(incident.id, { metricChartId: own.id }) });
      expect(linked.metricChartId).toBe(own.id);
      const unlinked = await createRootCause({ actor: editor, input: cause(incident.id, { metricChartId: "" }) });
      expect(unlinked.metricChartId).toBeNull();

      // Callers that predate charts leave the link as it is.
      const kept = await updateRootCause({
        actor: editor,
        input: {
          id: linked.id,
          version: 1,
          category: "capacity",
          description: "Edited",
          whys: [],
          isTrigger: false,
          factors: [],
        },
      });
      expect([kept.metricChartId, kept.version]).toEqual([own.id, 2]);
      const cleared = await updateRootCause({
        actor: editor,
        input: {
          id: linked.id,
          version: 2,
          category: "capacity",
          description: "Edited",
          whys: [],
          isTrigger: false,
          factors: [],
          metricChartId: null,
        },
      });
      expect(cleared.metricChartId).toBeNull();

      const refusedCreate = (await createRootCause({
        actor: editor,
        input: cause(incident.id, { metricChartId: foreign.id }),
      }).catch((e) => e)) as AppError;
      expect(refusedCreate.code).toBe("VALIDATION");
      expect(refusedCreate.fields?.metricChartId).toEqual(["Choose one of this incident's charts"]);
      const refusedUpdate = (await updateRootCause({
        actor: editor,
        input: {
          id: linked.id,
          version: 3,
          category: "capacity",
          description: "Edited",
          whys: [],
          isTrigger: false,
          factors: [],
          metricChartId: foreign.id,
        },
      }).catch((e) => e)) as AppError;
      expect(refusedUpdate.code).toBe("VALIDATION");
      await expect(
        createRootCause({ actor: editor, input: cause(incident.id, { metricChartId: "no-such-chart" }) }),
      ).rejects.toMatchObject({ code: "VALIDATION" });
      const stored = await database.client.rootCause.findUniqueOrThrow({ where: { id: linked.id } });
      expect([stored.metricChartId, stored.version]).toEqual([null, 3]);
      expect(await database.client.rootCause.count({ where: { incidentId: incident.id } })).toBe(2);

      // Deleting the chart unlinks the cause; the cause stays.
      const relinked = await updateRootCause({
        actor: editor,
        input: { ...cause(incident.id), id: unlinked.id, version: 1, metricChartId: own.id },
      });
      expect(relinked.metricChartId).toBe(own.id);
      await database.client.metricChart.delete({ where: { id: own.id } });
      expect((await database.client.rootCause.findUniqueOrThrow({ where: { id: unlinked.id } })).metricChartId).toBeNull();
      await expect(
        createRootCause({ actor: viewer, input: cause(incident.id, { metricChartId: foreign.id }) }),
      ).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    });
  });
});
