import { UPTIME_PERIODS } from "@/lib/uptime/schema";
import { COMMON_TIME_ZONES } from "@/lib/time/zones";

const PERIOD_LABELS: Record<(typeof UPTIME_PERIODS)[number], string> = {
  day: "Day",
  week: "Week",
  month: "Month",
  quarter: "Quarter",
  year: "Year",
  all: "All data",
  custom: "Custom",
};

/**
 * The window of the monitor page as a GET form: the choice lives in the address, so a period can
 * be bookmarked and shared, and it works without scripts. The named periods end where the data ends.
 */
export function PeriodPicker({
  action,
  period,
  from,
  to,
  zone,
  monitorZone,
  error,
}: {
  action: string;
  period: (typeof UPTIME_PERIODS)[number];
  from: string;
  to: string;
  zone: string;
  monitorZone: string;
  error?: string;
}) {
  const zones = Array.from(new Set([monitorZone, "UTC", ...COMMON_TIME_ZONES]));
  return (
    <form method="get" action={action} aria-label="Period" className="card space-y-3">
      <div className="flex flex-wrap items-end gap-4">
        <fieldset>
          <legend className="field-label">Period</legend>
          <div className="mt-1 inline-flex flex-wrap overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
            {UPTIME_PERIODS.map((p) => (
              <label
                key={p}
                className="cursor-pointer border-r border-slate-300 px-3 py-1.5 text-sm last:border-r-0 has-[:checked]:bg-indigo-600 has-[:checked]:text-white has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 dark:border-slate-700"
              >
                <input type="radio" name="period" value={p} defaultChecked={p === period} className="sr-only" />
                {PERIOD_LABELS[p]}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor="period-from" className="field-label">
            From <span className="font-normal text-slate-500">(custom)</span>
          </label>
          <input id="period-from" name="from" type="date" className="field-input" defaultValue={from} />
        </div>
        <div>
          <label htmlFor="period-to" className="field-label">
            To <span className="font-normal text-slate-500">(custom, inclusive)</span>
          </label>
          <input id="period-to" name="to" type="date" className="field-input" defaultValue={to} />
        </div>
        <div>
          <label htmlFor="period-tz" className="field-label">
            Times in
          </label>
          <select id="period-tz" name="tz" className="field-input" defaultValue={zone}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z === monitorZone ? `${z} (the monitor's)` : z}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          Show
        </button>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Day, week, month, quarter and year are the calendar period holding the end of the data; a custom period runs from its
        first day to the end of its last, in the zone chosen.
      </p>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </form>
  );
}
