/** Helpers every uptime importer shares: kind guessing, sample ordering, check interval detection. */
import type { MonitorKind, UptimeSample } from "@/lib/uptime/types";

/** The kind a target implies ("wss://…" → websocket), else the tool's type name, else http/other. */
export function guessMonitorKind(target: string, toolType?: string | null): MonitorKind {
  const t = (toolType ?? "").toLowerCase();
  if (/^wss?:\/\//i.test(target) || t.includes("websocket")) return "websocket";
  if (t === "dns" || /^dns:/i.test(target)) return "dns";
  if (t === "port" || t === "tcp" || /^tcp:\/\//i.test(target)) return "tcp";
  if (/json-?rpc|rpc/i.test(t) || /\/rpc\b|jsonrpc/i.test(target)) return "jsonrpc";
  if (/^https?:\/\//i.test(target) || ["http", "keyword", "json-query"].includes(t)) return "http";
  return "other";
}

/**
 * Sorted by time, one sample per instant: when a source repeats an instant the later record wins
 * (a re-sent heartbeat). Returns how many were dropped so the importer can say so.
 */
export function orderSamples(samples: UptimeSample[]): { samples: UptimeSample[]; duplicates: number } {
  const sorted = samples.every((s, i) => i === 0 || samples[i - 1].at <= s.at)
    ? samples
    : samples
        .map((s, i) => ({ s, i }))
        .sort((a, b) => a.s.at - b.s.at || a.i - b.i)
        .map((x) => x.s);
  const out: UptimeSample[] = [];
  for (const s of sorted) {
    if (out.length && out[out.length - 1].at === s.at) out[out.length - 1] = s;
    else out.push(s);
  }
  return { samples: out, duplicates: sorted.length - out.length };
}

/** Median spacing of samples in whole seconds (at least 1), or null with fewer than 2 samples. */
export function medianIntervalSec(samples: readonly { at: number }[]): number | null {
  if (samples.length < 2) return null;
  const gaps = new Float64Array(samples.length - 1);
  for (let i = 1; i < samples.length; i++) gaps[i - 1] = samples[i].at - samples[i - 1].at;
  gaps.sort();
  const mid = gaps.length >> 1;
  const median = gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
  return Math.max(1, Math.round(median / 1000));
}
