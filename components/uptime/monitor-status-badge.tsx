import type { UptimeStatus } from "@/lib/uptime/types";
import { STATUS_LABELS } from "@/components/uptime/uptime-format";

/** A monitor's or a day's state as a word on a tinted chip: the word carries the meaning, the colour only helps. */
export function MonitorStatusBadge({ status, prefix }: { status: UptimeStatus | "unknown"; prefix?: string }) {
  return (
    <span className={`uptime-badge uptime-badge-${status}`}>
      {prefix ? <span className="sr-only">{prefix} </span> : null}
      {STATUS_LABELS[status]}
    </span>
  );
}

/** Yes / No / No data for "meets the target", in words. */
export function TargetBadge({ meets }: { meets: boolean | null }) {
  const status = meets === null ? "unknown" : meets ? "up" : "down";
  return <span className={`uptime-badge uptime-badge-${status}`}>{meets === null ? "No data" : meets ? "Yes" : "No"}</span>;
}
