"use client";

/**
 * The status of the last days, one cell per day coloured by its worst state. It is one list with a
 * single tab stop: arrow keys, Home and End move between days (a roving focus), and the focused or
 * hovered day is written out under the strip. Each cell is named by its day in words (for screen
 * readers, and as a tooltip), so nothing rests on colour alone.
 */
import { useId, useRef, useState, type KeyboardEvent } from "react";
import type { DayStatus } from "@/lib/uptime/compute/types";
import type { UptimeStatus } from "@/lib/uptime/types";
import { describeDay, STATUS_LABELS } from "@/components/uptime/uptime-format";

const LEGEND: (UptimeStatus | "unknown")[] = ["up", "degraded", "down", "maintenance", "unknown"];

/** "84 days up, 4 with downtime, 2 without data": the strip in one sentence. */
export function summarizeDays(days: DayStatus[]): string {
  const count = (state: DayStatus["state"]) => days.filter((d) => d.state === state).length;
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const parts = [`${plural(count("up"), "day")} fully up`];
  if (count("down")) parts.push(`${count("down")} with downtime`);
  if (count("degraded")) parts.push(`${count("degraded")} degraded`);
  if (count("maintenance")) parts.push(`${count("maintenance")} with maintenance`);
  if (count("unknown")) parts.push(`${count("unknown")} without data`);
  return parts.join(", ");
}

export function StatusStrip({ days, timeZone }: { days: DayStatus[]; timeZone: string }) {
  const id = useId();
  const listRef = useRef<HTMLOListElement>(null);
  // The newest day holds the tab stop until the reader moves it.
  const [active, setActive] = useState(days.length - 1);
  const [shown, setShown] = useState<number | null>(null);

  if (days.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">No days with data to show yet.</p>;
  }

  const first = days[0].date;
  const last = days[days.length - 1].date;
  const detail = days[shown ?? active] ?? days[days.length - 1];

  function move(to: number) {
    const next = Math.max(0, Math.min(days.length - 1, to));
    setActive(next);
    setShown(next);
    (listRef.current?.children[next] as HTMLElement | undefined)?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLOListElement>) {
    const keys: Record<string, number> = {
      ArrowLeft: active - 1,
      ArrowRight: active + 1,
      ArrowUp: active - 1,
      ArrowDown: active + 1,
      Home: 0,
      End: days.length - 1,
      PageUp: active - 7,
      PageDown: active + 7,
    };
    if (!(e.key in keys)) return;
    e.preventDefault();
    move(keys[e.key]);
  }

  return (
    <div className="space-y-2" data-testid="status-strip">
      <p id={`${id}-summary`} className="text-sm text-slate-600 dark:text-slate-400">
        {days.length} days, {first} to {last} ({timeZone}): {summarizeDays(days)}.
      </p>
      <ol
        ref={listRef}
        className="uptime-strip"
        aria-label={`Status per day, ${first} to ${last}. Use the arrow keys to move between days.`}
        aria-describedby={`${id}-summary`}
        onKeyDown={onKeyDown}
        onMouseLeave={() => setShown(null)}
      >
        {days.map((day, i) => {
          const name = describeDay(day);
          return (
            <li
              key={day.date}
              tabIndex={i === active ? 0 : -1}
              title={name}
              aria-label={name}
              className={`uptime-cell uptime-cell-${day.state}`}
              data-state={day.state}
              onFocus={() => {
                setActive(i);
                setShown(i);
              }}
              onMouseEnter={() => setShown(i)}
            />
          );
        })}
      </ol>
      <div className="flex flex-wrap items-center justify-between gap-3 text-xs">
        <span className="text-slate-500" aria-hidden="true">
          {first}
        </span>
        <p className="font-medium tabular-nums" aria-hidden="true" data-testid="status-strip-detail">
          {describeDay(detail)}
        </p>
        <span className="text-slate-500" aria-hidden="true">
          {last}
        </span>
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400" aria-label="Legend">
        {LEGEND.map((state) => (
          <li key={state} className="flex items-center gap-1.5">
            <span className={`uptime-swatch uptime-cell-${state}`} aria-hidden="true" />
            {state === "down" ? "Some downtime" : state === "unknown" ? "No data" : STATUS_LABELS[state]}
          </li>
        ))}
      </ul>
    </div>
  );
}
