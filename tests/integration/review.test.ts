import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "./support/databases";
import { incidentInput, makeUser } from "./support/factories";
import { createIncident } from "@/lib/incidents/create-incident";
import { submitForReview } from "@/lib/review/submit-for-review";
import { requestChanges } from "@/lib/review/request-changes";
import { approvePostmortem } from "@/lib/review/approve-postmortem";
import { publishPostmortem } from "@/lib/review/publish-postmortem";
import { reopenPostmortem } from "@/lib/review/reopen-postmortem";
import { getReviewState } from "@/lib/review/get-review-state";
import { EDITED_REFUSAL } from "@/lib/review/transitions";

describe.each(DATABASES)("postmortem review on %s", (_kind, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function newIncident(patch: Record<string, unknown> = {}) {
    const author = await makeUser("editor");
    const incident = await createIncident({ actor: author, input: incidentInput(patch) });
    return { author, incident, n: incident.number };
  }

  it("walks draft → in review → approved → published → draft, with timestamps and an audit row each", async () => {
    const { author, incident, n } = await newIncident();
    const reviewer = await makeUser("reviewer");
    expect(await submitForReview({ actor: author, input: { incidentNumber: n, version: 1 } })).toEqual({
      incidentNumber: n,
      status: "in_review",
      version: 2,
    });
    const pm1 = await database.client.postmortem.findUniqueOrThrow({ where: { incidentId: incident.id } });
    expect(pm1.submittedAt).toBeInstanceOf(Date);

    await approvePostmortem({ actor: reviewer, input: { incidentNumber: n, version: 2 } });
    const pm2 = await database.client.postmortem.findUniqueOrThrow({ where: { incidentId: incident.id } });
    expect([pm2.status, pm2.approvedById, pm2.approvedAt instanceof Date]).toEqual(["approved", reviewer.id, true]);
    const state = await getReviewState({ actor: author, incidentNumber: n });
    expect(state.approvedBy?.email).toBe(reviewer.email);
    expect(state.verbs.publish).toMatchObject({ allowed: false });

    await publishPostmortem({ actor: reviewer, input: { incidentNumber: n, version: 3 } });
    const pm3 = await database.client.postmortem.findUniqueOrThrow({ where: { incidentId: incident.id } });
    expect([pm3.status, pm3.publishedAt instanceof Date]).toEqual(["published", true]);

    await reopenPostmortem({ actor: reviewer, input: { incidentNumber: n, version: 4, reason: "New evidence from the vendor" } });
    const pm4 = await database.client.postmortem.findUniqueOrThrow({ where: { incidentId: incident.id } });
    expect([pm4.status, pm4.version, pm4.approvedById, pm4.approvedAt, pm4.publishedAt]).toEqual(["draft", 5, null, null, null]);
    const comments = await database.client.comment.findMany({ where: { incidentId: incident.id } });
    expect(comments.map((c) => [c.body, c.authorId, c.postmortemId])).toEqual([
      ["Reopened: New evidence from the vendor", reviewer.id, pm4.id],
    ]);

    const audit = await database.client.auditLog.findMany({ where: { entityId: pm4.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorLabel, (a.data as { from: string }).from, (a.data as { to: string }).to])).toEqual([
      ["postmortem.submit", author.email, "draft", "in_review"],
      ["postmortem.approve", reviewer.email, "in_review", "approved"],
      ["postmortem.publish", reviewer.email, "approved", "published"],
      ["postmortem.reopen", reviewer.email, "published", "draft"],
    ]);
  });

  it("refuses approval and change requests from someone who edited the incident", async () => {
    const { author, incident, n } = await newIncident();
    const reviewer = await makeUser("reviewer");
    await database.client.revision.create({
      data: {
        incidentId: incident.id,
        entityType: "TimelineEvent",
        entityId: "evt-1",
        version: 1,
        authorId: reviewer.id,
        snapshot: {},
      },
    });
    await submitForReview({ actor: author, input: { incidentNumber: n, version: 1 } });
    await expect(approvePostmortem({ actor: reviewer, input: { incidentNumber: n, version: 2 } })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: EDITED_REFUSAL,
    });
    await expect(
      requestChanges({ actor: reviewer, input: { incidentNumber: n, version: 2, reason: "x" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const state = await getReviewState({ actor: reviewer, incidentNumber: n });
    expect(state.actorEdited).toBe(true);
    expect(state.verbs.approve).toEqual({ allowed: false, code: "FORBIDDEN", reason: EDITED_REFUSAL });
    const other = await makeUser("reviewer");
    await expect(approvePostmortem({ actor: other, input: { incidentNumber: n, version: 2 } })).resolves.toMatchObject({
      status: "approved",
    });
  });

  it("keeps viewers and editors to their roles", async () => {
    const { author, n } = await newIncident();
    const viewer = await makeUser("viewer");
    await expect(submitForReview({ actor: viewer, input: { incidentNumber: n, version: 1 } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await submitForReview({ actor: author, input: { incidentNumber: n, version: 1 } });
    const editor = await makeUser("editor");
    await expect(approvePostmortem({ actor: editor, input: { incidentNumber: n, version: 2 } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    // A transition from the wrong state is a conflict, not a silent no-op.
    const reviewer = await makeUser("reviewer");
    await expect(publishPostmortem({ actor: reviewer, input: { incidentNumber: n, version: 2 } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("refuses a stale version with CONFLICT and writes nothing", async () => {
    const { author, incident, n } = await newIncident();
    await submitForReview({ actor: author, input: { incidentNumber: n, version: 1 } });
    const reviewer = await makeUser("reviewer");
    const auditBefore = await database.client.auditLog.count();
    const err = await approvePostmortem({ actor: reviewer, input: { incidentNumber: n, version: 1 } }).catch((e) => e);
    expect(err).toMatchObject({ code: "CONFLICT", details: { current: { status: "in_review", version: 2 } } });
    expect(await database.client.auditLog.count()).toBe(auditBefore);
    const pm = await database.client.postmortem.findUniqueOrThrow({ where: { incidentId: incident.id } });
    expect([pm.status, pm.version]).toEqual(["in_review", 2]);
  });

  it("stores the reason of a change request as a comment, in the same transaction", async () => {
    const { author, incident, n } = await newIncident();
    const reviewer = await makeUser("reviewer");
    await submitForReview({ actor: author, input: { incidentNumber: n, version: 1 } });
    await expect(
      requestChanges({ actor: reviewer, input: { incidentNumber: n, version: 2, reason: "   " } }),
    ).rejects.toMatchObject({ code: "VALIDATION", fields: { reason: ["Give a reason"] } });
    const result = await requestChanges({
      actor: reviewer,
      input: { incidentNumber: n, version: 2, reason: "The timeline misses the failover at 19:40." },
    });
    expect(result).toMatchObject({ status: "draft", version: 3 });
    const comments = await database.client.comment.findMany({ where: { incidentId: incident.id } });
    expect(comments.map((c) => [c.body, c.authorId])).toEqual([
      ["Changes requested: The timeline misses the failover at 19:40.", reviewer.id],
    ]);
    const audit = await database.client.auditLog.findFirstOrThrow({
      where: { action: "postmortem.request_changes", incidentId: incident.id },
    });
    expect(audit.data).toMatchObject({ from: "in_review", to: "draft", commentId: comments[0]!.id });
    const pm = await database.client.postmortem.findUniqueOrThrow({ where: { incidentId: incident.id } });
    expect(pm.submittedAt).toBeNull();
  });

  it("hides a restricted incident's review from non-members exactly like a missing one", async () => {
    const { author, n } = await newIncident({ restricted: true });
    const outsider = await makeUser("reviewer");
    const hidden = await submitForReview({ actor: outsider, input: { incidentNumber: n, version: 1 } }).catch((e) => e);
    const missing = await submitForReview({ actor: outsider, input: { incidentNumber: 999_999, version: 1 } }).catch((e) => e);
    expect([hidden.code, hidden.message]).toEqual([missing.code, missing.message]);
    expect(hidden.code).toBe("NOT_FOUND");
    await expect(getReviewState({ actor: outsider, incidentNumber: n })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(submitForReview({ actor: author, input: { incidentNumber: n, version: 1 } })).resolves.toMatchObject({
      status: "in_review",
    });
  });
});
