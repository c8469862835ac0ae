import { randomBytes } from "node:crypto";
import { db, type Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { createIncident } from "@/lib/incidents/create-incident";
import { localToUtc } from "@/lib/time/zones";
import { ensurePostmortem } from "@/lib/postmortems/ensure-postmortem";
import { refreshIncidentSearch } from "@/lib/search/refresh-incident-search";
import { seedDemoLoadTests } from "@/lib/seed/demo-load-tests";
import { seedDemoCacheMetrics, seedDemoCheckoutMetrics } from "@/lib/seed/demo-metrics";
import { seedDemoUptime } from "@/lib/seed/demo-uptime";

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const bullets = (items: string[]) => ({
  type: "bulletList",
  content: items.map((text) => ({ type: "listItem", content: [paragraph(text)] })),
});
const doc = (...content: object[]) => ({ type: "doc", content });

/** The cache incident's narrative, so the demo shows what a finished postmortem reads like. */
const CACHE_NARRATIVE: Record<string, object> = {
  summary: doc(
    paragraph(
      "On May 12 the Redis cache in front of the messaging API reached maxmemory during the evening peak. It evicted session keys, and 35% of clients could not send messages for 80 minutes.",
    ),
  ),
  impact: doc(paragraph("35% of active clients could not send messages between 19:00 and 20:20 CEST. No messages were lost.")),
  detection: doc(
    paragraph("An error-rate alert on messaging-api fired 12 minutes after impact began; no alert watched cache memory."),
  ),
  response: doc(paragraph("The on-call engineer declared a SEV1 at 19:25 and shifted traffic to the secondary region at 20:20.")),
  recovery: doc(paragraph("Cache memory was doubled and the eviction policy switched to volatile-lru the next morning.")),
  went_well: doc(bullets(["Traffic shift to the secondary region worked as rehearsed."])),
  went_wrong: doc(
    bullets(["Nobody owned the cache's capacity plan.", "The first alert came from users' errors, not from the cache."]),
  ),
  got_lucky: doc(bullets(["The secondary region had enough headroom for the evening peak."])),
};

export const DEMO_ADMIN_EMAIL = "admin@demo.hindsight.local";
const SEED_ACTOR: Actor = { kind: "system", label: "demo-seed" };

export type DemoCredentials = { email: string; password: string };

/**
 * Demo mode: on an embedded database without users, create a demo admin, a few colleagues and
 * incidents that show what a finished postmortem looks like. Runs in one transaction, so a crash
 * halfway leaves no half-seeded database, and a second run does nothing.
 */
export async function seedDemo(): Promise<DemoCredentials | null> {
  const password = `demo-${randomBytes(6).toString("base64url")}`;
  const [adminHash, colleagueHash] = await Promise.all([hashPassword(password), hashPassword(randomBytes(24).toString("hex"))]);
  return db().$transaction(
    async (tx) => {
      if ((await tx.user.count()) > 0) return null;
      const admin = await tx.user.create({
        data: { email: DEMO_ADMIN_EMAIL, name: "Demo Admin", role: "admin", passwordHash: adminHash, timeZone: "Europe/Berlin" },
      });
      const people = {
        maya: await tx.user.create({
          data: { email: "maya@demo.hindsight.local", name: "Maya Okafor", role: "editor", passwordHash: colleagueHash },
        }),
        jonas: await tx.user.create({
          data: { email: "jonas@demo.hindsight.local", name: "Jonas Weber", role: "reviewer", passwordHash: colleagueHash },
        }),
        li: await tx.user.create({
          data: { email: "li@demo.hindsight.local", name: "Li Chen", role: "viewer", passwordHash: colleagueHash },
        }),
      };
      const platform = await tx.team.create({ data: { name: "Platform" } });
      await tx.teamMember.createMany({
        data: [admin, people.maya, people.jonas].map((u) => ({ teamId: platform.id, userId: u.id })),
      });
      for (const name of ["messaging-api", "redis-cache", "rpc-gateway", "websocket-gateway", "checkout"]) {
        await tx.service.create({ data: { name, teamId: platform.id } });
      }
      const cacheIncident = await seedCacheIncident(tx, admin.id, people);
      await seedDemoCacheMetrics(tx, SEED_ACTOR, cacheIncident.number);
      // The capacity cause is the memory chart: the executive RCA draws it under that cause.
      const memoryChart = await tx.metricChart.findFirst({
        where: { incidentId: cacheIncident.id },
        orderBy: { position: "asc" },
      });
      await tx.rootCause.updateMany({
        where: { incidentId: cacheIncident.id, position: 0 },
        data: { metricChartId: memoryChart?.id ?? null },
      });
      const loadIncident = await seedLoadIncident(tx, people);
      await seedDemoLoadTests(tx, SEED_ACTOR, loadIncident.number);
      await seedDemoCheckoutMetrics(tx, SEED_ACTOR, loadIncident.number);
      await seedWebsocketIncident(tx, admin.id, people);
      await seedDemoUptime(tx, SEED_ACTOR);
      await seedRestrictedIncident(tx, admin.id);
      for (const { id } of await tx.incident.findMany({ select: { id: true } })) await refreshIncidentSearch(tx, id);
      return { email: DEMO_ADMIN_EMAIL, password };
    },
    { timeout: 60_000 },
  );
}

type People = { maya: { id: string }; jonas: { id: string }; li: { id: string } };

async function seedCacheIncident(tx: Db, adminId: string, people: People) {
  const tz = "Europe/Berlin";
  const incident = await createIncident({
    actor: SEED_ACTOR,
    tx,
    input: {
      title: "Cache ran out of memory: 35% of clients could not send messages",
      severity: 1,
      status: "resolved",
      summary:
        "The Redis cache in front of the messaging API reached its memory limit during an evening peak. Evictions of session keys made 35% of clients fail to send messages for 80 minutes.",
      customerImpact: "35% of active clients could not send messages between 19:00 and 20:20 CEST.",
      usersAffectedPct: 35,
      services: ["messaging-api", "redis-cache"],
      tags: ["cache", "capacity"],
      timeZone: tz,
      startedAt: "2026-05-12T19:00",
      detectedAt: "2026-05-12T19:12",
      mitigatedAt: "2026-05-12T20:20",
      resolvedAt: "2026-05-13T05:00",
      roles: [
        { role: "commander", userId: adminId },
        { role: "scribe", userId: people.maya.id },
      ],
    },
  });
  const at = (local: string) => localToUtc(local, tz);
  await tx.timelineEvent.createMany({
    data: (
      [
        {
          occurredAt: at("2026-05-03T00:00"),
          precision: "day",
          kind: "note",
          text: "Daily sign-ups grew by 30% after the spring campaign.",
        },
        { occurredAt: at("2026-05-12T19:00"), kind: "detection", text: "35% of our clients couldn't send messages." },
        {
          occurredAt: at("2026-05-12T19:12"),
          kind: "detection",
          text: "Error-rate alert on messaging-api fired; on-call paged.",
        },
        { occurredAt: at("2026-05-12T19:25"), kind: "escalation", text: "Incident declared SEV1; commander assigned." },
        {
          occurredAt: at("2026-05-12T22:30"),
          kind: "action",
          text: "Root cause identified: cache at maxmemory, evicting session keys.",
        },
        {
          occurredAt: at("2026-05-12T20:20"),
          kind: "mitigation",
          text: "Traffic shifted to the secondary region; sends recover.",
        },
        {
          occurredAt: at("2026-05-13T05:00"),
          kind: "resolution",
          text: "Doubled the cache memory and switched eviction policy to volatile-lru.",
        },
      ] as const
    ).map((e) => ({ ...e, incidentId: incident.id, authorId: people.maya.id, source: "seed" })),
  });
  const cause = await tx.rootCause.create({
    data: {
      incidentId: incident.id,
      position: 0,
      category: "capacity",
      isTrigger: false,
      description: "The cache was sized for last year's traffic and nobody owned its capacity plan.",
      whys: [
        "Clients could not send messages because session lookups failed.",
        "Session lookups failed because Redis evicted session keys.",
        "Redis evicted keys because it reached maxmemory at the evening peak.",
        "Memory grew because sign-ups grew 30% in May with no re-sizing.",
        "Cache capacity had no owner and no alert on memory headroom.",
      ],
    },
  });
  await tx.contributingFactor.createMany({
    data: [
      { rootCauseId: cause.id, position: 0, description: "Eviction policy allkeys-lru could evict session keys." },
      { rootCauseId: cause.id, position: 1, description: "No alert on cache memory above 80%." },
    ],
  });
  const postmortem = await ensurePostmortem(tx, incident);
  // Keys the pinned template has no slot for (response) are kept and shown under "Other notes".
  for (const [i, [key, content]] of Object.entries(CACHE_NARRATIVE).entries()) {
    await tx.postmortemSection.upsert({
      where: { postmortemId_key: { postmortemId: postmortem.id, key } },
      create: {
        postmortemId: postmortem.id,
        key,
        title: key[0].toUpperCase() + key.slice(1).replace(/_/g, " "),
        position: 100 + i,
        content,
      },
      update: { content },
    });
  }
  await tx.rootCause.create({
    data: {
      incidentId: incident.id,
      position: 1,
      category: "monitoring_gap",
      isTrigger: true,
      description: "The evening peak after the campaign pushed memory over the limit.",
      whys: [],
    },
  });
  await tx.actionItem.createMany({
    data: (
      [
        {
          title: "Alert when cache memory exceeds 80% of maxmemory",
          type: "detect",
          priority: "p0",
          status: "done",
          ownerId: people.maya.id,
          dueDate: new Date("2026-05-20"),
          completedAt: new Date("2026-05-18T10:00:00Z"),
        },
        {
          title: "Write a capacity plan for redis-cache with a named owner",
          type: "prevent",
          priority: "p1",
          status: "in_progress",
          ownerId: people.jonas.id,
          dueDate: new Date("2026-06-15"),
        },
        {
          title: "Move sessions to a store that never evicts",
          type: "prevent",
          priority: "p1",
          status: "open",
          ownerId: people.maya.id,
          dueDate: new Date("2026-07-01"),
          trackerUrl: "https://tracker.example.com/OPS-1432",
        },
      ] as const
    ).map((a) => ({ ...a, incidentId: incident.id })),
  });
  return incident;
}

async function seedLoadIncident(tx: Db, people: People) {
  const incident = await createIncident({
    actor: SEED_ACTOR,
    tx,
    input: {
      title: "Checkout latency spike: load test passed, real traffic hit 5k req/s per region",
      severity: 2,
      status: "resolved",
      summary:
        "Our pre-launch load test passed at 2k req/s. Launch traffic reached 5k req/s per region and p99 checkout latency rose above 8 s.",
      customerImpact: "Checkout was slow or timed out for about 12% of attempts for 45 minutes.",
      usersAffectedPct: 12,
      services: ["checkout"],
      tags: ["load-test", "launch"],
      timeZone: "UTC",
      startedAt: "2026-09-02T14:05",
      detectedAt: "2026-09-02T14:09",
      mitigatedAt: "2026-09-02T14:50",
      resolvedAt: "2026-09-02T16:30",
      roles: [{ role: "commander", userId: people.jonas.id }],
    },
  });
  await tx.timelineEvent.createMany({
    data: (
      [
        { occurredAt: new Date("2026-09-02T14:05:00Z"), kind: "detection", text: "Launch traffic ramps to 5k req/s per region." },
        { occurredAt: new Date("2026-09-02T14:09:00Z"), kind: "detection", text: "p99 latency alert on checkout." },
        {
          occurredAt: new Date("2026-09-02T14:50:00Z"),
          kind: "mitigation",
          text: "Autoscaling max raised from 12 to 40 instances.",
        },
        {
          occurredAt: new Date("2026-09-02T16:30:00Z"),
          kind: "resolution",
          text: "Connection pool resized; latency back to baseline.",
        },
      ] as const
    ).map((e) => ({ ...e, incidentId: incident.id, authorId: people.jonas.id, source: "seed" })),
  });
  await tx.rootCause.create({
    data: {
      incidentId: incident.id,
      position: 0,
      category: "capacity",
      isTrigger: true,
      description: "The load test modelled 2k req/s in total, not 5k req/s per region.",
      whys: ["The test plan used last quarter's traffic model."],
    },
  });
  await tx.actionItem.createMany({
    data: (
      [
        {
          title: "Load-test at 2x the forecast per-region peak before launches",
          type: "prevent",
          priority: "p1",
          status: "open",
          ownerId: people.maya.id,
          dueDate: new Date("2026-10-01"),
        },
        {
          title: "Raise autoscaling ceilings and alert at 80% of max",
          type: "mitigate",
          priority: "p2",
          status: "done",
          ownerId: people.jonas.id,
          dueDate: new Date("2026-09-10"),
          completedAt: new Date("2026-09-08T09:00:00Z"),
        },
      ] as const
    ).map((a) => ({ ...a, incidentId: incident.id })),
  });
  return incident;
}

async function seedWebsocketIncident(tx: Db, adminId: string, people: People) {
  const incident = await createIncident({
    actor: SEED_ACTOR,
    tx,
    input: {
      title: "Websocket endpoint down for 6 hours while the monitor watched JSON-RPC",
      severity: 2,
      status: "resolved",
      summary:
        "A certificate rotation broke the websocket gateway. Our uptime monitor only probed the JSON-RPC endpoint, which stayed green, so the outage went unseen until a user report.",
      customerImpact: "Clients relying on subscriptions received no updates for 6 hours.",
      services: ["websocket-gateway", "rpc-gateway"],
      tags: ["monitoring", "grant-milestone"],
      timeZone: "Europe/Berlin",
      startedAt: "2026-10-24T02:10",
      detectedAt: "2026-10-24T08:05",
      mitigatedAt: "2026-10-24T08:20",
      resolvedAt: "2026-10-24T08:20",
      roles: [{ role: "commander", userId: adminId }],
    },
  });
  await tx.rootCause.create({
    data: {
      incidentId: incident.id,
      position: 0,
      category: "monitoring_gap",
      isTrigger: false,
      description: "Uptime monitoring covered JSON-RPC only; the websocket endpoint had no probe.",
      whys: [],
    },
  });
  await tx.actionItem.create({
    data: {
      incidentId: incident.id,
      title: "Add a websocket handshake probe to the status page",
      type: "detect",
      priority: "p0",
      status: "open",
      ownerId: people.maya.id,
      dueDate: new Date("2026-11-01"),
    },
  });
}

async function seedRestrictedIncident(tx: Db, adminId: string) {
  await createIncident({
    actor: SEED_ACTOR,
    tx,
    input: {
      title: "Leaked API key in a public CI log",
      severity: 3,
      status: "monitoring",
      summary: "A deploy job printed an API key. The key was rotated within 20 minutes. Restricted until the review is complete.",
      restricted: true,
      services: ["checkout"],
      tags: ["security"],
      timeZone: "UTC",
      startedAt: "2026-11-20T09:00",
      detectedAt: "2026-11-20T09:12",
      mitigatedAt: "2026-11-20T09:20",
      roles: [{ role: "commander", userId: adminId }],
    },
  });
}

/** With PostgreSQL: the first admin comes from ADMIN_EMAIL / ADMIN_PASSWORD, once. */
export async function ensureFirstAdmin(email: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    // Serialise instances starting together: without the lock both see no admin and both "create" it.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('hindsight:first-admin'))`;
    if ((await tx.user.count({ where: { role: "admin" } })) > 0) return false;
    const normalised = email.trim().toLowerCase();
    const user = await tx.user.upsert({
      where: { email: normalised },
      create: { email: normalised, name: "Administrator", role: "admin", passwordHash },
      update: { role: "admin", active: true },
    });
    await tx.auditLog.create({
      data: {
        actorLabel: "start",
        action: "user.create",
        entityType: "User",
        entityId: user.id,
        data: { email: normalised, role: "admin", via: "ADMIN_EMAIL" },
      },
    });
    return true;
  });
}
