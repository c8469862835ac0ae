import type { ErrorBudget, LatencyFigures, Reliability, UptimeFigures } from "@/lib/uptime/compute/types";
import {
  formatCount,
  formatDurationMs,
  formatLatencyMs,
  formatUptimePct,
  GAP_RULE_SENTENCES,
  formatTargetPct,
} from "@/components/uptime/uptime-format";

function Card({ title, value, children, testId }: { title: string; value: string; children?: React.ReactNode; testId: string }) {
  return (
    <section aria-label={title} className="card space-y-1" data-testid={testId}>
      <h3 className="text-sm font-medium text-slate-500">{title}</h3>
      <p className="text-2xl font-semibold tabular-nums">{value}</p>
      {children && <div className="space-y-0.5 text-sm text-slate-600 dark:text-slate-400">{children}</div>}
    </section>
  );
}

/** "0.42× — spending under the budget": how fast the budget goes, in words. */
function burnText(rate: number | null): string {
  if (rate === null) return "Burn rate — (nothing counted)";
  const words =
    rate > 1.0001 ? "spending faster than the SLO allows" : rate < 0.9999 ? "within the budget" : "exactly the budget";
  return `Burn rate ${rate.toLocaleString("en-US", { maximumFractionDigits: 2 })}× — ${words}`;
}

/** The period's figures: uptime with its coverage, downtime, repair times, error budget, response times. */
export function FigureCards({
  figures,
  reliability,
  budget,
  latency,
  downtimeCount,
}: {
  figures: UptimeFigures;
  reliability: Reliability;
  budget: ErrorBudget;
  latency: LatencyFigures;
  downtimeCount: number;
}) {
  const blown = budget.remainingMs < 0;
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <Card title="Uptime" value={formatUptimePct(figures.uptimePct, 3)} testId="figure-uptime">
        <p>
          Coverage {formatUptimePct(figures.coveragePct, 1)} · {formatDurationMs(figures.unknownMs)} without data
        </p>
        {figures.maintenanceMs > 0 && <p>{formatDurationMs(figures.maintenanceMs)} of maintenance left out</p>}
        {figures.degradedMs > 0 && <p>{formatDurationMs(figures.degradedMs)} degraded, counted as up</p>}
        <p className="text-xs">{GAP_RULE_SENTENCES[figures.gapRule]}</p>
      </Card>
      <Card title="Downtime" value={formatDurationMs(figures.downMs)} testId="figure-downtime">
        <p>
          {downtimeCount === 1 ? "1 downtime window" : `${formatCount(downtimeCount)} downtime windows`} listed below ·{" "}
          {reliability.failures === 1 ? "1 failure" : `${formatCount(reliability.failures)} failures`} in all
        </p>
        <p>{formatDurationMs(figures.upMs)} up</p>
      </Card>
      <Card
        title="Mean time to recovery"
        value={reliability.mttrMs === null ? "—" : formatDurationMs(reliability.mttrMs)}
        testId="figure-mttr"
      >
        <p>MTTR: mean length of the closed downtime windows.</p>
        <p>MTBF {reliability.mtbfMs === null ? "— (no failures)" : formatDurationMs(reliability.mtbfMs)}: up time per failure.</p>
      </Card>
      <Card
        title={`Error budget (SLO ${formatTargetPct(budget.sloTargetPct)})`}
        value={blown ? `${formatDurationMs(-budget.remainingMs)} over` : `${formatDurationMs(budget.remainingMs)} left`}
        testId="figure-budget"
      >
        <p>
          Allowed {formatDurationMs(budget.allowedDownMs)} · used {formatDurationMs(budget.usedDownMs)}
          {budget.usedPct !== null && ` (${budget.usedPct.toLocaleString("en-US", { maximumFractionDigits: 1 })}%)`}
        </p>
        <p className={blown ? "font-semibold text-red-800 dark:text-red-300" : undefined}>
          {blown ? "Budget exhausted. " : ""}
          {burnText(budget.burnRate)}
        </p>
      </Card>
      <Card title="Response time p95" value={formatLatencyMs(latency.p95)} testId="figure-latency">
        {latency.count === 0 ? (
          <p>No response times in this period.</p>
        ) : (
          <>
            <p>
              p50 {formatLatencyMs(latency.p50)} · p95 {formatLatencyMs(latency.p95)} · p99 {formatLatencyMs(latency.p99)}
            </p>
            <p>
              Max {formatLatencyMs(latency.max)} over {formatCount(latency.count)} checks
            </p>
          </>
        )}
      </Card>
    </div>
  );
}
