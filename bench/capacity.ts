/**
 * `npm run capacity`: the capacity model (bench/capacity-model.ts) for a bank of 3,000 advisors
 * and one of 10,000, from the request units `npm run bench` measured per request and container
 * (bench/results/http-latest.json when present, else the figures recorded in capacity-figures.ts).
 *
 *   node dist/bench/capacity.js [--results bench/results/http-latest.json] [--recorded] [--advisors 3000,10000] [--json]
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "../dev/data-dir.js";
import {
  DEFAULT_WORKLOAD,
  DELETIONS_DOC_KB,
  deltaDocuments,
  directoryBurstRu,
  directoryListRu,
  directoryRefreshRuPerSecond,
  LIMITS,
  LIST_PRICES,
  model,
  scaled,
  type Figures,
  type Model,
  type RuByContainer,
} from "./capacity-model.js";
import { AFTER_BOOKING, RECORDED } from "./capacity-figures.js";
import { fixed, formatTable } from "./lib/table.js";

const { values: args } = parseArgs({
  options: {
    results: { type: "string", default: path.join(REPO_ROOT, "bench", "results", "http-latest.json") },
    recorded: { type: "boolean", default: false },
    advisors: { type: "string", default: "3000,10000" },
    json: { type: "boolean", default: false },
  },
});

interface BenchRow {
  scenario: string;
  cost?: { ruByContainer: Record<string, number>; estimated: boolean; ruPerRequest: number };
}

/** The bench's rows as model figures; undefined when a row the model needs is missing. */
export function figuresFromBench(file: string): Figures | undefined {
  if (!fs.existsSync(file)) return undefined;
  const out = JSON.parse(fs.readFileSync(file, "utf8")) as { at: string; rows: BenchRow[] };
  const row = (name: string): RuByContainer | undefined => out.rows.find((r) => r.scenario === name)?.cost?.ruByContainer;
  const explicit = row("available-3x7");
  // One request at a time: the per-request cost without the list refetches that concurrent requests repeat
  // when the directory cache expires (the model adds the refetches itself; docs/capacity.md).
  const branch = row("available-branch-40x14-1conn") ?? row("available-branch-40x14");
  const booking = row("book-distinct");
  if (!explicit || !branch || !booking) return undefined;
  return {
    source: `${path.relative(REPO_ROOT, file)} (npm run bench, ${out.at})`,
    estimated: out.rows.some((r) => r.cost?.estimated),
    availabilityExplicit: explicit,
    availabilityBranch: branch,
    booking,
    afterBooking: AFTER_BOOKING,
  };
}

const usd = (n: number) => `$${n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(2)}`;

function print(m: Model, figures: Figures) {
  const w = m.workload;
  console.log(
    `\n== ${w.advisors.toLocaleString("en-US")} advisors in ${w.branches} branches, ${w.meetingsPerYear.toLocaleString("en-US")} meetings a year, ${w.availabilityPerBooking} availability requests per booking (${Math.round(w.branchShare * 100)} % branch-wide), peak ${w.peakFactor}x, Monday: ${w.mondayAdvisors} advisors open within ${w.openWindowMinutes} min ==`,
  );
  console.log(
    `mean over business hours: ${fixed(m.rates.bookingsPerSecondMean, 2)} bookings/s, ${fixed(m.rates.availabilityPerSecondMean, 1)} availability/s; Monday opening adds ${fixed(m.rates.mondayOpenPerSecond, 1)} req/s`,
  );
  console.log(
    formatTable(
      [
        "container",
        "key",
        "RU/s mean",
        "RU/s peak",
        "hottest logical RU/s",
        `GB after ${w.years} y`,
        "phys. partitions",
        "serverless/mo",
        "autoscale/mo",
        "manual/mo",
        "storage/mo",
        "over a limit",
      ],
      m.containers.map((c) => [
        c.container,
        c.partitionKey,
        fixed(c.meanRuPerSecond, 1),
        fixed(c.peakRuPerSecond, 1),
        fixed(c.hottestLogicalRuPerSecond, 1),
        fixed(c.storageGb, 2),
        c.physicalPartitions,
        usd(c.serverlessUsd),
        usd(c.autoscaleUsd),
        usd(c.provisionedUsd),
        usd(c.storageUsd),
        c.overLimit.join("; ") || "no",
      ]),
      [false, false, true, true, true, true, true, true, true, true, true, false],
    ),
  );
  const t = m.totals;
  console.log(
    `total: ${fixed(t.meanRuPerSecond, 0)} RU/s mean, ${fixed(t.peakRuPerSecond, 0)} RU/s peak; per month: serverless ${usd(t.serverlessUsd)}, autoscale (per container) ${usd(t.autoscaleUsd)}, manual at peak ${usd(t.provisionedUsd)}, storage ${usd(t.storageUsd)}; function executions ${Math.round(t.functionExecutionsPerMonth).toLocaleString("en-US")}`,
  );
  const hot = m.containers
    .filter((c) => c.hottestLogicalRuPerSecond > 0)
    .sort((a, b) => b.hottestLogicalRuPerSecond - a.hottestLogicalRuPerSecond)[0];
  if (hot)
    console.log(
      `hottest logical partition: ${hot.container} (${hot.partitionKey}) at ${fixed(hot.hottestLogicalRuPerSecond, 0)} RU/s of its ${LIMITS.logicalPartitionRuPerSecond} (${fixed((100 * hot.hottestLogicalRuPerSecond) / LIMITS.logicalPartitionRuPerSecond, 1)} %)`,
    );
  void figures;
}

function main() {
  const bench = args.recorded ? undefined : figuresFromBench(args.results);
  const figures = bench ?? RECORDED;
  const models = args.advisors.split(",").map((n) => model(figures, scaled(DEFAULT_WORKLOAD, Number(n))));
  if (args.json) {
    console.log(JSON.stringify({ figures, prices: LIST_PRICES, models }, null, 2));
    return;
  }
  console.log(
    `BookMe capacity model: RU per request from ${figures.source}${figures.estimated ? ", ESTIMATED with Microsoft's cost model (embedded server)" : ", as Cosmos DB reported them"}`,
  );
  console.log(
    `list prices (USD, ${LIST_PRICES.date}): manual provisioned ${LIST_PRICES.provisionedPer100RuHour}/h per 100 RU/s, autoscale ${LIST_PRICES.autoscalePer100RuHour}/h per 100 RU/s (max), serverless ${LIST_PRICES.serverlessPerMillionRu} per million RU, storage ${LIST_PRICES.storagePerGbMonth}/GB-month; limits: ${LIMITS.physicalPartitionRuPerSecond} RU/s and ${LIMITS.physicalPartitionGb} GB per physical partition, ${LIMITS.logicalPartitionGb} GB per logical partition, serverless ${LIMITS.serverlessContainerRuPerSecond} RU/s per container`,
  );
  const ru = (m: RuByContainer) =>
    fixed(
      Object.values(m).reduce((a, b) => a + b, 0),
      1,
    );
  console.log(
    `RU per request: availability (3 advisors x 7 days) ${ru(figures.availabilityExplicit)}, branch availability ${ru(figures.availabilityBranch)}, booking ${ru(figures.booking)} + after it ${ru(figures.afterBooking)} (estimated)`,
  );
  for (const m of models) print(m, figures);

  // Before and after: the directory's lists refetched in full on every change and every 15 s (before) and refreshed by delta queries (now).
  console.log(`\n== the directory's list refresh (container keyed /kind): full refetch (before) vs delta query (now) ==`);
  console.log(
    formatTable(
      [
        "advisors",
        "refresh",
        "directory RU/s peak",
        "of it refreshes",
        "hottest logical RU/s",
        "one list refetch RU",
        "burst after a change RU",
        "burst after a delete RU",
        "phys. partitions",
        "over a limit",
      ],
      args.advisors.split(",").flatMap((n) =>
        (["kind", "kind-delta"] as const).map((layout) => {
          const w = { ...scaled(DEFAULT_WORKLOAD, Number(n)), directoryLayout: layout };
          const m = model(figures, w);
          const d = m.containers.find((c) => c.container === "directory")!;
          const peakRequests =
            (m.rates.bookingsPerSecondMean + m.rates.availabilityPerSecondMean) * w.peakFactor + m.rates.mondayOpenPerSecond;
          return [
            Number(n).toLocaleString("en-US"),
            layout === "kind" ? "full refetch (before)" : "delta query (now)",
            fixed(d.peakRuPerSecond, 0),
            fixed(directoryRefreshRuPerSecond(w, peakRequests), 0),
            fixed(d.hottestLogicalRuPerSecond, 0),
            fixed(directoryListRu(w), 0),
            fixed(directoryBurstRu(w, "change"), 0),
            fixed(directoryBurstRu(w, "delete"), 0),
            d.physicalPartitions,
            d.overLimit.filter((o) => !o.startsWith("serverless")).join("; ") || "no",
          ];
        }),
      ),
      [true, false, true, true, true, true, true, true, true, false],
    ),
  );
  const w = DEFAULT_WORKLOAD;
  console.log(
    `directory writes: ${w.directoryWritesPerHour} an hour at ${w.advisors.toLocaleString("en-US")} advisors (${w.directoryDeletesPerHour} of them deletes), in proportion at other sizes; a delta query returns ${fixed(deltaDocuments(w), 2)} documents on average; full refetch every ${w.directoryFullRefreshSeconds} s per instance and list; a delete is removed through the deletions document (${DELETIONS_DOC_KB} KB)`,
  );
}

main();
