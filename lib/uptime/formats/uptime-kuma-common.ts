/**
 * What the two Uptime Kuma importers (status-page heartbeat JSON, kuma.db) share: heartbeat statuses,
 * Kuma's UTC times, monitor identity, targets and kinds, and the refusal of Kuma's backup JSON.
 */
import { ImportError } from "@/lib/imports/errors";
import type { FileHead } from "@/lib/imports/files";
import { isJsonObjectMatching } from "@/lib/loadtests/formats/summary-json";
import { guessMonitorKind } from "@/lib/uptime/formats/samples";
import type { MonitorKind, UptimeStatus } from "@/lib/uptime/types";

/** Kuma's heartbeat status codes (src/util.js: DOWN 0, UP 1, PENDING 2, MAINTENANCE 3). */
const KUMA_STATUSES: Record<number, UptimeStatus> = { 0: "down", 1: "up", 2: "degraded", 3: "maintenance" };

export function kumaStatus(code: unknown): UptimeStatus | null {
  return typeof code === "number" ? (KUMA_STATUSES[code] ?? null) : null;
}

const KUMA_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A Kuma heartbeat time as epoch ms. Kuma stores UTC written without an offset
 * ("2023-04-03 06:23:22.824"), so such a time is UTC whatever zone the user chose; a time with an
 * offset (2.x day-bar buckets are ISO with "Z") is read as written. Null when it is no time.
 */
export function kumaTime(text: unknown): number | null {
  if (typeof text !== "string") return null;
  const m = KUMA_TIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, fraction = "", offset] = m;
  const ms = Number(fraction.padEnd(3, "0").slice(0, 3));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (!Number.isFinite(utc) || new Date(utc).getUTCDate() !== Number(d)) return null;
  if (!offset || offset === "Z") return utc;
  const [, sign, oh, om] = /^([+-])(\d{2}):?(\d{2})$/.exec(offset)!;
  return utc - (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
}

/**
 * A monitor's identity: its id within the Kuma instance, the same whether it came from kuma.db or
 * a status page with or without the status page JSON, so a later import of either updates it.
 */
export function kumaSourceKey(monitorId: number | string): string {
  return `kuma:${monitorId}`;
}

export function kumaMonitorName(monitorId: number | string): string {
  return `Uptime Kuma monitor ${monitorId}`;
}

/** Kuma monitor types whose target is a URL. */
const URL_TYPES = new Set(["http", "keyword", "json-query", "real-browser", "grpc-keyword"]);
/** Types that check a host by name alone. */
const HOST_TYPES = new Set(["ping", "dns", "tailscale-ping"]);

export type KumaMonitorFields = {
  type?: string | null;
  url?: string | null;
  hostname?: string | null;
  port?: number | null;
  dockerContainer?: string | null;
};

/** What the monitor checks: the URL for HTTP types, host:port for port checks, the host for ping/DNS. */
export function kumaTarget(m: KumaMonitorFields): string {
  const type = (m.type ?? "").toLowerCase();
  const url = withoutCredentials(clean(m.url));
  const host = clean(m.hostname);
  const hostPort = host && m.port != null && Number.isFinite(m.port) && m.port > 0 ? `${host}:${m.port}` : host;
  if (URL_TYPES.has(type)) return url || host;
  if (HOST_TYPES.has(type)) return host;
  if (type === "docker") return clean(m.dockerContainer);
  // Push monitors are called by the service and group monitors sum up others: no target of their own.
  if (type === "push" || type === "group") return "";
  return hostPort || url;
}

export function kumaMonitorKind(m: KumaMonitorFields): MonitorKind {
  return guessMonitorKind(kumaTarget(m), m.type ?? null);
}

/** Kuma writes an HTTP check's message as "200 - OK"; the code is worth keeping. */
export function kumaHttpCode(type: string | null | undefined, message: string): number | null {
  if (!URL_TYPES.has((type ?? "").toLowerCase())) return null;
  const m = /^([1-5]\d\d) - /.exec(message);
  return m ? Number(m[1]) : null;
}

function clean(value: string | null | undefined): string {
  return typeof value === "string" ? value.trim() : "";
}

/** A monitor URL may carry basic-auth credentials (https://user:secret@host); a target is shown and exported. */
function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, "$1");
}

/** Kuma's backup JSON (Settings → Backup, 1.x): monitor settings and notifications, no heartbeats. */
export function isKumaBackup(head: FileHead): boolean {
  // The head may end inside a long notificationList, before monitorList: "version" and one list suffice.
  return isJsonObjectMatching(head.text, [/"version"\s*:/, /"(?:notificationList|monitorList|proxyList)"\s*:\s*\[/]);
}

export function kumaBackupRefusal(fileName: string): ImportError {
  return new ImportError(
    "this is an Uptime Kuma backup (Settings → Backup): it holds monitor settings and notifications but no heartbeats, so it is " +
      "not an uptime source. Upload kuma.db from Kuma's data directory (all heartbeats), or the status page's heartbeat JSON " +
      "(/api/status-page/heartbeat/<slug>, the last beats of each monitor on the page).",
    { file: fileName },
  );
}

export const KUMA_HEARTBEAT_PATTERN = /"heartbeatList"\s*:\s*\{/;
export const KUMA_STATUS_PAGE_PATTERNS = [/"publicGroupList"\s*:\s*\[/, /"config"\s*:\s*\{/];
