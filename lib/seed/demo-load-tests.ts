/**
 * Demo load-test journal for the checkout incident: two pre-launch runs a week apart (300 then 500
 * users) that passed at about 2k req/s, while launch traffic reached 5k req/s per region. The
 * samples are generated deterministically and go through the same aggregator as a real import.
 */
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { prng } from "@/lib/loadtests/stats/prng";
import { SampleAggregator } from "@/lib/loadtests/stats/sample-aggregator";
import { insertLoadTestRun } from "@/lib/loadtests/save-load-test-run";
import type { ParsedRun } from "@/lib/loadtests/types";
import { runFromSamples } from "@/lib/loadtests/stats/run-from-samples";

type Plan = {
  seed: number;
  start: Date;
  seconds: number;
  peakUsers: number;
  rpsPerUser: number;
  kneeRps: number;
  baseMs: number;
};

/** A ramp to `peakUsers`; latency grows sharply past `kneeRps` (queueing) and errors appear past it. */
function simulate(plan: Plan): ParsedRun {
  // Seeded, so every demo database holds the same figures.
  const random = prng(plan.seed);
  const labels = ["GET /checkout", "POST /checkout/pay", "GET /cart"];
  const aggregator = new SampleAggregator({ toolName: "JMeter", subSamples: "explicit" });
  const t0 = plan.start.getTime();
  for (let s = 0; s < plan.seconds; s++) {
    const users = Math.max(1, Math.round((plan.peakUsers * Math.min(s + 1, plan.seconds * 0.7)) / (plan.seconds * 0.7)));
    const rps = Math.round(users * plan.rpsPerUser);
    const pressure = Math.max(0, rps / plan.kneeRps - 1);
    for (let i = 0; i < rps; i++) {
      const label = labels[i % 10 < 5 ? 0 : i % 10 < 8 ? 2 : 1];
      const weight = label === "POST /checkout/pay" ? 2.2 : label === "GET /cart" ? 0.6 : 1;
      const tail = -Math.log(1 - random()) * 0.35;
      const elapsed = Math.round(plan.baseMs * weight * (1 + tail) * (1 + pressure * 12 * (0.5 + random())));
      const failed = random() < Math.min(0.3, pressure * 0.4);
      aggregator.add(
        label,
        t0 + s * 1000 + Math.floor((i * 1000) / rps),
        elapsed,
        !failed,
        2400 + Math.floor(random() * 400),
        310,
        users,
      );
    }
  }
  const result = aggregator.finish();
  return runFromSamples(result, {
    tool: "jmeter",
    format: "jmeter-csv",
    environment: {},
    warnings: [],
    rowsRead: result.samples,
  });
}

export async function seedDemoLoadTests(tx: Db, actor: Actor, incidentNumber: number): Promise<void> {
  const week1 = simulate({
    seed: 1,
    start: new Date("2026-08-19T09:00:00Z"),
    seconds: 150,
    peakUsers: 300,
    rpsPerUser: 5,
    kneeRps: 1800,
    baseMs: 45,
  });
  week1.environment = {
    machine: "2 × c5.2xlarge load generators",
    threads: "300",
    environment: "staging, 1 region",
    "JMeter version": "5.6.3",
  };
  await insertLoadTestRun(tx, actor, {
    run: week1,
    name: "Checkout pre-launch, week 1: 300 users",
    notes: "Staging with production-sized database. Passed: p95 under 1 s at 1.5k req/s.",
    sourceFiles: [],
    incidentNumber,
  });
  const week2 = simulate({
    seed: 2,
    start: new Date("2026-08-26T09:00:00Z"),
    seconds: 150,
    peakUsers: 500,
    rpsPerUser: 4.4,
    kneeRps: 1900,
    baseMs: 40,
  });
  week2.environment = {
    machine: "3 × c5.2xlarge load generators",
    threads: "500",
    environment: "staging, 1 region",
    "JMeter version": "5.6.3",
  };
  await insertLoadTestRun(tx, actor, {
    run: week2,
    name: "Checkout pre-launch, week 2: 500 users",
    notes: "Cart responses cached. Latency rises past ~1.9k req/s; we signed off at 2k req/s for one region.",
    sourceFiles: [],
    incidentNumber,
  });
  await tx.incident.update({
    where: { number: incidentNumber },
    data: { observedPeakRps: 5000, observedLoadNote: "Launch traffic per region, from the load balancer's request rate." },
  });
}
