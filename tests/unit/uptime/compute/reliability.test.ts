import { describe, expect, it } from "vitest";
import { reliability } from "@/lib/uptime/compute/reliability";
import { downtimeWindows } from "@/lib/uptime/compute/downtime";
import { uptimeOfSeries } from "@/lib/uptime/compute/uptime";
import { HOUR, MIN, sample, series } from "@/tests/unit/uptime/compute/support";

const T0 = Date.UTC(2026, 0, 1);
const at = (minutes: number) => T0 + minutes * MIN;
const window = { from: at(0), to: at(600) };

describe("reliability", () => {
  it("MTTR is the mean closed window, MTBF the up time per failure", () => {
    // Down 60–90 and 300–310 of a 10-hour window: 560 min up, two failures.
    const s = series(
      [sample(at(0), "up"), sample(at(60), "down"), sample(at(90), "up"), sample(at(300), "down"), sample(at(310), "up")],
      {
        dataEnd: at(600),
      },
    );
    const r = reliability(downtimeWindows(s, { minDurationMs: 0, window }), uptimeOfSeries(s, window, "unknown"));
    expect(r).toEqual({ failures: 2, mttrMs: 20 * MIN, mtbfMs: 280 * MIN });
  });

  it("an open window counts as a failure but not as a repair; degraded time counts as up", () => {
    const s = series([sample(at(0), "up"), sample(at(60), "down"), sample(at(120), "degraded"), sample(at(240), "down")], {
      dataEnd: at(600),
    });
    const r = reliability(downtimeWindows(s, { minDurationMs: 0, window }), uptimeOfSeries(s, window, "unknown"));
    expect(r).toEqual({ failures: 2, mttrMs: HOUR, mtbfMs: ((60 + 120) * MIN) / 2 });
  });

  it("has no MTTR without a closed window and no MTBF without failures", () => {
    const up = series([sample(at(0), "up")], { dataEnd: at(600) });
    expect(reliability([], uptimeOfSeries(up, window, "unknown"))).toEqual({ failures: 0, mttrMs: null, mtbfMs: null });
  });
});
