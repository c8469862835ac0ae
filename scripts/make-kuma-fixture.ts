/**
 * Writes the Uptime Kuma test fixtures into tests/fixtures/uptime/kuma/: a kuma.db with Kuma 1.23's
 * table and column names (db/kuma.db plus its patch-*.sql, as db/knex_init_db.js lists them), and the
 * status page responses Kuma 1.23 would serve from it (/api/status-page/<slug>, /api/status-page/heartbeat/<slug>)
 * and its backup JSON. Deterministic: running it again writes the same bytes.
 *
 *   npx tsx scripts/make-kuma-fixture.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import initSqlJs from "sql.js";

const OUT = path.resolve("tests/fixtures/uptime/kuma");
const requireHere = createRequire(import.meta.url);

/** Kuma 1.23's monitor table (the columns an import may read, and enough of the rest to look like it). */
const SCHEMA = `
CREATE TABLE user (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, username VARCHAR(255) NOT NULL UNIQUE, password VARCHAR(255),
  active BOOLEAN DEFAULT 1 NOT NULL, timezone VARCHAR(150), twofa_secret VARCHAR(64), twofa_status BOOLEAN DEFAULT 0 NOT NULL,
  twofa_last_token VARCHAR(6));
CREATE TABLE monitor (
  id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  name VARCHAR(150),
  active BOOLEAN DEFAULT 1 NOT NULL,
  user_id INTEGER REFERENCES user ON UPDATE CASCADE ON DELETE SET NULL,
  interval INTEGER DEFAULT 20 NOT NULL,
  url TEXT,
  type VARCHAR(20),
  weight INTEGER DEFAULT 2000,
  hostname VARCHAR(255),
  port INTEGER,
  created_date DATETIME DEFAULT (DATETIME('now')) NOT NULL,
  keyword VARCHAR(255),
  maxretries INTEGER NOT NULL DEFAULT 0,
  ignore_tls BOOLEAN DEFAULT 0 NOT NULL,
  upside_down BOOLEAN DEFAULT 0 NOT NULL,
  maxredirects INTEGER DEFAULT 10 NOT NULL,
  accepted_statuscodes_json TEXT DEFAULT '["200-299"]' NOT NULL,
  dns_resolve_type VARCHAR(5),
  dns_resolve_server VARCHAR(255),
  dns_last_result VARCHAR(255),
  retry_interval INTEGER DEFAULT 0 NOT NULL,
  push_token VARCHAR(20) DEFAULT NULL,
  method TEXT DEFAULT 'GET' NOT NULL,
  body TEXT DEFAULT NULL,
  headers TEXT DEFAULT NULL,
  basic_auth_user TEXT DEFAULT NULL,
  basic_auth_pass TEXT DEFAULT NULL,
  docker_host INTEGER,
  docker_container VARCHAR(255),
  proxy_id INTEGER,
  expiry_notification BOOLEAN DEFAULT 1,
  resend_interval INTEGER DEFAULT 0 NOT NULL,
  packet_size INTEGER DEFAULT 56 NOT NULL,
  parent INTEGER REFERENCES monitor (id) ON DELETE SET NULL ON UPDATE CASCADE,
  description TEXT DEFAULT NULL,
  http_body_encoding VARCHAR(25),
  timeout DOUBLE DEFAULT 0 NOT NULL
);
CREATE INDEX user_id ON monitor (user_id);
CREATE TABLE heartbeat (
  id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  important BOOLEAN DEFAULT 0 NOT NULL,
  monitor_id INTEGER NOT NULL REFERENCES monitor ON UPDATE CASCADE ON DELETE CASCADE,
  status SMALLINT NOT NULL,
  msg TEXT,
  time DATETIME NOT NULL,
  ping INTEGER,
  duration INTEGER DEFAULT 0 NOT NULL,
  down_count INTEGER DEFAULT 0 NOT NULL
);
CREATE INDEX important ON heartbeat (important);
CREATE INDEX monitor_time_index ON heartbeat (monitor_id, time);
CREATE INDEX monitor_id ON heartbeat (monitor_id);
CREATE INDEX monitor_important_time_index ON heartbeat (monitor_id, important, time);
CREATE TABLE status_page (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, slug VARCHAR(255) NOT NULL UNIQUE, title VARCHAR(255) NOT NULL,
  description TEXT, icon VARCHAR(255) NOT NULL, theme VARCHAR(30) NOT NULL, published BOOLEAN DEFAULT 1 NOT NULL,
  search_engine_index BOOLEAN DEFAULT 1 NOT NULL, show_tags BOOLEAN DEFAULT 0 NOT NULL, password VARCHAR,
  created_date DATETIME DEFAULT (DATETIME('now')) NOT NULL, modified_date DATETIME DEFAULT (DATETIME('now')) NOT NULL,
  footer_text TEXT, custom_css TEXT, show_powered_by BOOLEAN DEFAULT 1 NOT NULL, google_analytics_tag_id VARCHAR);
CREATE TABLE "group" (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, name VARCHAR(255) NOT NULL,
  created_date DATETIME DEFAULT (DATETIME('now')) NOT NULL, public BOOLEAN DEFAULT 0 NOT NULL, active BOOLEAN DEFAULT 1 NOT NULL,
  weight BOOLEAN NOT NULL DEFAULT 1000, status_page_id INTEGER);
CREATE TABLE monitor_group (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  monitor_id INTEGER NOT NULL REFERENCES monitor ON UPDATE CASCADE ON DELETE CASCADE,
  group_id INTEGER NOT NULL REFERENCES "group" ON UPDATE CASCADE ON DELETE CASCADE, weight INTEGER DEFAULT 1000 NOT NULL,
  send_url BOOLEAN DEFAULT 0 NOT NULL);
`;

type MonitorSpec = {
  id: number;
  name: string;
  type: string;
  interval: number;
  url?: string;
  hostname?: string;
  port?: number;
  parent?: number;
  beats: number;
  /** Status and message of beat i (0 down, 1 up, 2 pending, 3 maintenance). */
  beat: (i: number) => { status: number; msg: string; ping: number | null };
  onStatusPage?: { sendUrl: boolean };
};

const START = Date.UTC(2023, 3, 3, 0, 0, 0);

const MONITORS: MonitorSpec[] = [
  {
    id: 1,
    name: "Website",
    type: "http",
    interval: 60,
    url: "https://example.org/",
    beats: 180,
    // Two pending retries (Kuma's maxretries), then down for five beats.
    beat: (i) =>
      i >= 100 && i < 102
        ? { status: 2, msg: "503 - Service Unavailable", ping: null }
        : i >= 102 && i < 107
          ? { status: 0, msg: "503 - Service Unavailable", ping: null }
          : { status: 1, msg: "200 - OK", ping: 40 + ((i * 7) % 23) },
    onStatusPage: { sendUrl: true },
  },
  {
    id: 2,
    name: "API port",
    type: "port",
    interval: 30,
    hostname: "api.example.org",
    port: 443,
    beats: 360,
    // A maintenance window of ten beats.
    beat: (i) =>
      i >= 300 && i < 310
        ? { status: 3, msg: "Monitor under maintenance", ping: null }
        : { status: 1, msg: "", ping: 12 + (i % 5) },
    onStatusPage: { sendUrl: false },
  },
  {
    id: 3,
    name: "Resolver",
    type: "dns",
    interval: 120,
    hostname: "example.org",
    port: 53,
    parent: 4,
    beats: 90,
    beat: (i) =>
      i === 45 ? { status: 0, msg: "queryA ETIMEOUT example.org", ping: null } : { status: 1, msg: "93.184.216.34", ping: 8 },
  },
  {
    id: 4,
    name: "Backend",
    type: "group",
    interval: 60,
    beats: 180,
    beat: () => ({ status: 1, msg: "All children up and running", ping: null }),
  },
  // A push monitor that never received a push: no heartbeats.
  { id: 5, name: "Nightly job", type: "push", interval: 86400, beats: 0, beat: () => ({ status: 1, msg: "", ping: null }) },
];

/** Kuma's R.isoDateTimeMillis(dayjs.utc()): "2023-04-03 06:23:22.824", UTC without an offset. */
function kumaTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}

type Beat = { monitorId: number; status: number; msg: string; time: number; ping: number | null; duration: number };

function beatsOf(m: MonitorSpec): Beat[] {
  const out: Beat[] = [];
  for (let i = 0; i < m.beats; i++) {
    // Real beats drift a little past the interval (the check's own time); 0 to 0.9 s here.
    const time = START + i * m.interval * 1000 + ((i * 137 + m.id * 311) % 900);
    const { status, msg, ping } = m.beat(i);
    const duration = i === 0 ? 0 : Math.round((time - out[i - 1].time) / 1000);
    out.push({ monitorId: m.id, status, msg, time, ping, duration });
  }
  return out;
}

/** Kuma 1.x Monitor.calcUptime: up and maintenance beats' durations over all beats' durations in the window. */
function calcUptime(beats: Beat[], hours: number, now: number): number {
  const start = now - hours * 3600_000;
  let total = 0;
  let up = 0;
  for (const b of beats) {
    if (b.time <= start) continue;
    const d = Math.min(b.duration, (b.time - start) / 1000);
    total += d;
    if (b.status === 1 || b.status === 3) up += d;
  }
  return total > 0 ? up / total : 0;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const SQL = await initSqlJs({ locateFile: (f: string) => requireHere.resolve(`sql.js/dist/${f}`) });
  const db = new SQL.Database();
  db.run(SCHEMA);
  db.run("INSERT INTO user (id, username, password) VALUES (1, 'admin', 'not-a-real-hash')");
  const created = kumaTime(START - 3600_000);
  for (const m of MONITORS) {
    db.run(
      "INSERT INTO monitor (id, name, user_id, interval, url, type, hostname, port, parent, created_date, maxretries) " +
        "VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
      [m.id, m.name, m.interval, m.url ?? null, m.type, m.hostname ?? null, m.port ?? null, m.parent ?? null, created, 2],
    );
  }
  db.run(
    "INSERT INTO status_page (id, slug, title, icon, theme, created_date, modified_date) VALUES (1, 'demo', 'Demo services', '/icon.svg', 'light', ?, ?)",
    [created, created],
  );
  db.run(`INSERT INTO "group" (id, name, public, weight, status_page_id, created_date) VALUES (1, 'Services', 1, 1, 1, ?)`, [
    created,
  ]);
  MONITORS.filter((m) => m.onStatusPage).forEach((m, i) => {
    db.run("INSERT INTO monitor_group (monitor_id, group_id, weight, send_url) VALUES (?, 1, ?, ?)", [
      m.id,
      i + 1,
      m.onStatusPage!.sendUrl ? 1 : 0,
    ]);
  });

  // Kuma writes beats as the checks run: interleaved across monitors, in time order.
  const byMonitor = new Map(MONITORS.map((m) => [m.id, beatsOf(m)]));
  const all = [...byMonitor.values()].flat().sort((a, b) => a.time - b.time || a.monitorId - b.monitorId);
  const previous = new Map<number, number>();
  db.run("BEGIN");
  for (const b of all) {
    const important = previous.get(b.monitorId) !== b.status && !(b.status === 2 && previous.get(b.monitorId) === 1);
    db.run(
      "INSERT INTO heartbeat (important, monitor_id, status, msg, time, ping, duration, down_count) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
      [important ? 1 : 0, b.monitorId, b.status, b.msg, kumaTime(b.time), b.ping, b.duration],
    );
    previous.set(b.monitorId, b.status);
  }
  db.run("COMMIT");
  writeFileSync(path.join(OUT, "kuma.db"), Buffer.from(db.export()));
  db.close();

  // /api/status-page/heartbeat/demo: the last 100 beats of each public monitor, oldest first, msg hidden.
  const now = Math.max(...all.map((b) => b.time));
  const heartbeatList: Record<string, unknown[]> = {};
  const uptimeList: Record<string, number> = {};
  for (const m of MONITORS.filter((x) => x.onStatusPage)) {
    const beats = byMonitor.get(m.id)!;
    heartbeatList[m.id] = beats.slice(-100).map((b) => ({ status: b.status, time: kumaTime(b.time), msg: "", ping: b.ping }));
    uptimeList[`${m.id}_24`] = calcUptime(beats, 24, now);
  }
  writeFileSync(path.join(OUT, "status-page-heartbeat.json"), JSON.stringify({ heartbeatList, uptimeList }));

  // /api/status-page/demo: config, incident, groups with their monitors (url only where "send URL" is on).
  const statusPage = {
    config: {
      slug: "demo",
      title: "Demo services",
      description: null,
      icon: "/icon.svg",
      theme: "light",
      published: true,
      showTags: false,
      customCSS: "body {\n  \n}\n",
      footerText: null,
      showPoweredBy: true,
      googleAnalyticsId: null,
    },
    incident: null,
    publicGroupList: [
      {
        id: 1,
        name: "Services",
        weight: 1,
        monitorList: MONITORS.filter((m) => m.onStatusPage).map((m) => ({
          id: m.id,
          name: m.name,
          sendUrl: m.onStatusPage!.sendUrl ? 1 : 0,
          type: m.type,
          ...(m.onStatusPage!.sendUrl ? { url: m.url } : {}),
        })),
      },
    ],
    maintenanceList: [],
  };
  writeFileSync(path.join(OUT, "status-page.json"), JSON.stringify(statusPage));

  // Settings → Backup → Export (1.23): settings of monitors and notifications, no heartbeats.
  const backup = {
    version: "1.23.16",
    notificationList: [
      {
        id: 1,
        name: "Ops mail",
        config: '{"name":"Ops mail","type":"smtp","isDefault":false}',
        active: 1,
        userId: 1,
        isDefault: 0,
      },
    ],
    monitorList: MONITORS.map((m) => ({
      id: m.id,
      name: m.name,
      description: null,
      pathName: m.name,
      parent: m.parent ?? null,
      childrenIDs: MONITORS.filter((c) => c.parent === m.id).map((c) => c.id),
      url: m.url ?? "https://",
      method: "GET",
      hostname: m.hostname ?? null,
      port: m.port ?? null,
      maxretries: 2,
      weight: 2000,
      active: true,
      forceInactive: false,
      type: m.type,
      interval: m.interval,
      retryInterval: m.interval,
      resendInterval: 0,
      keyword: null,
      expiryNotification: false,
      ignoreTls: false,
      upsideDown: false,
      maxredirects: 10,
      accepted_statuscodes: ["200-299"],
      notificationIDList: {},
      tags: [],
      maintenance: false,
    })),
    proxyList: [],
  };
  writeFileSync(path.join(OUT, "backup.json"), JSON.stringify(backup, null, 4));
  console.log(`Wrote ${OUT}: ${all.length} heartbeats.`);
}

void main();
