/**
 * The load run: two host processes on one Cosmos server, a mixed random workload from many
 * concurrent clients on a small directory, then the consistency check; then, once every
 * reservation has expired (the hosts run with a short RESERVATION_TTL_SECONDS), one sweep
 * through a host's admin endpoint, and the check again: no reservation may remain.
 */
import { CosmosClient } from "@azure/cosmos";
import { loadDirectory } from "../../bench/data.js";
import { checkConsistency, formatReport, violations, type ConsistencyReport } from "../../dev/consistency.js";
import { stackRepositories, startStack, type Stack } from "../../dev/stack.js";
import { formatTable } from "../../bench/lib/table.js";
import { checkEvents, watchEvents, type EventsOutcome } from "./events-check.js";
import {
  checkLedger,
  formatSummary,
  loadPlan,
  runWorkload,
  summarise,
  type RequestRecord,
  type WorkloadPlan,
  type WorkloadResult,
} from "./workload.js";

export interface LoadOptions {
  requests: number;
  concurrency: number;
  hosts?: number;
  ttlSeconds?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface LoadOutcome {
  workload: WorkloadResult;
  afterRun: ConsistencyReport;
  afterSweep: ConsistencyReport;
  serverErrors: RequestRecord[];
  networkErrors: RequestRecord[];
  ledgerProblems: string[];
  summaryTable: string;
  /** Zero lost events: every committed change's event delivered, the outbox empty (events-check.ts). */
  events: EventsOutcome;
}

/** Starts a stack for workload runs: short reservation TTL, the sweeper every 5 s (as well). */
export async function startLoadStack(options: {
  hosts: number;
  ttlSeconds: number;
  snapshot?: boolean;
  extraEnv?: Record<string, string>;
}): Promise<Stack> {
  return startStack({
    hosts: options.hosts,
    snapshot: options.snapshot,
    hostEnv: {
      RESERVATION_TTL_SECONDS: String(options.ttlSeconds),
      TIMER_SCHEDULES: JSON.stringify({ "reservations-sweep": "*/5 * * * * *" }),
      ...options.extraEnv,
    },
  });
}

export async function seedLoadDirectory(stack: Stack, plan: WorkloadPlan): Promise<void> {
  const repos = await stackRepositories(stack);
  try {
    await loadDirectory(repos.directory, plan.dir);
  } finally {
    repos.dispose();
  }
}

/** Every meeting document, straight from the database. */
export async function storedMeetings(stack: Stack): Promise<Map<string, { status: string; startDate: string; endDate: string }>> {
  const client = new CosmosClient({
    endpoint: stack.cosmosEndpoint,
    key: stack.cosmosKey,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  try {
    const { resources } = await client.database("bookme").container("meetings").items.readAll().fetchAll();
    return new Map(resources.map((m) => [String(m.id), m as unknown as { status: string; startDate: string; endDate: string }]));
  } finally {
    client.dispose();
  }
}

export async function check(stack: Stack, http = true): Promise<ConsistencyReport> {
  return checkConsistency({
    endpoint: stack.cosmosEndpoint,
    key: stack.cosmosKey,
    http: http
      ? {
          base: stack.hosts.find((h) => h.child.exitCode === null && h.child.signalCode === null)!.base,
          headers: await stack.headers(),
          pageSize: 50,
        }
      : undefined,
  });
}

/** Waits until every reservation made so far has expired, then sweeps once. */
export async function expireAndSweep(stack: Stack, ttlSeconds: number, log: (line: string) => void): Promise<void> {
  const wait = ttlSeconds * 1000 + 1500;
  log(`waiting ${(wait / 1000).toFixed(1)} s for reservations to expire, then one sweep`);
  await new Promise((r) => setTimeout(r, wait));
  const live = stack.hosts.find((h) => h.child.exitCode === null && h.child.signalCode === null)!;
  await live.sweep();
}

export function statusTable(records: readonly RequestRecord[]): string {
  const summary = summarise(records);
  return formatTable(
    ["op", "requests", "2xx", "4xx", "5xx", "network", "p50 ms", "p99 ms", "max ms", "statuses"],
    summary.map((s) => {
      const count = (pred: (k: string) => boolean) =>
        Object.entries(s.byStatus)
          .filter(([k]) => pred(k))
          .reduce((a, [, v]) => a + v, 0);
      return [
        s.op,
        s.requests,
        count((k) => k.startsWith("2")),
        count((k) => k.startsWith("4")),
        count((k) => k.startsWith("5")),
        count((k) => k === "network"),
        s.p50.toFixed(0),
        s.p99.toFixed(0),
        s.max.toFixed(0),
        Object.entries(s.byStatus)
          .filter(([k]) => !k.startsWith("2"))
          .sort()
          .map(([k, v]) => `${k} ${v}`)
          .join(", "),
      ];
    }),
    [false, true, true, true, true, true, true, true, true, false],
  );
}

export async function runLoad(options: LoadOptions): Promise<LoadOutcome> {
  const log = options.log ?? ((line: string) => console.log(line));
  const ttlSeconds = options.ttlSeconds ?? 3;
  const hostCount = options.hosts ?? 2;
  const stack = await startLoadStack({ hosts: hostCount, ttlSeconds });
  try {
    const plan = loadPlan();
    await seedLoadDirectory(stack, plan);
    const watch = await watchEvents(stack);
    log(
      `load: ${plan.dir.employees.length} advisors, ${plan.dir.rooms.length} rooms, ${[...plan.slots.values()].reduce((a, l) => a + l.length, 0)} working half-hours over 2 days; ${hostCount} hosts, ${options.requests} requests from ${options.concurrency} clients`,
    );
    const headers = await stack.headers();
    const workload = await runWorkload({
      plan,
      hosts: () => stack.hosts.map((h) => h.base),
      headers,
      requests: options.requests,
      concurrency: options.concurrency,
      seed: options.seed ?? 7,
    });
    log(
      `workload done in ${(workload.wallMs / 1000).toFixed(1)} s (${(workload.records.length / (workload.wallMs / 1000)).toFixed(0)} req/s)`,
    );
    const afterRun = await check(stack);
    const ledgerProblems = checkLedger(workload.ledger, await storedMeetings(stack));
    await expireAndSweep(stack, ttlSeconds, log);
    const afterSweep = await check(stack);
    const events = await checkEvents(stack, watch, workload.ledger.keys());
    const serverErrors = workload.records.filter((r) => r.status >= 500);
    const networkErrors = workload.records.filter((r) => r.status === 0);
    const summaryTable = statusTable(workload.records);
    log(`\n${summaryTable}`);
    log(`\nconsistency after the run:\n${formatReport(afterRun)}`);
    log(`confirmed operations vs database: ${ledgerProblems.length} problems (${workload.ledger.size} meetings booked by the run)`);
    for (const p of ledgerProblems.slice(0, 20)) log(`  - ${p}`);
    log(`\nafter the reservations expired and one sweep:\n${formatReport(afterSweep)}`);
    log(
      `\nevents: ${events.logged} logged, ${events.delivered} delivered (${events.copies} extra copies, same webhook-id), commit to delivery p50 ${events.p50} ms, p99 ${events.p99} ms; ${events.problems.length} problems`,
    );
    for (const p of events.problems.slice(0, 20)) log(`  - ${p}`);
    return { workload, afterRun, afterSweep, serverErrors, networkErrors, ledgerProblems, summaryTable, events };
  } finally {
    await stack.stop();
  }
}

/** The pass conditions shared by the long and short runs; returns what failed. */
export function loadFailures(outcome: LoadOutcome): string[] {
  const failures: string[] = [];
  if (outcome.serverErrors.length)
    failures.push(`${outcome.serverErrors.length} responses were 5xx: ${formatSummary(summarise(outcome.serverErrors))}`);
  if (outcome.networkErrors.length)
    failures.push(
      `${outcome.networkErrors.length} requests failed without a response: ${outcome.networkErrors
        .slice(0, 3)
        .map((r) => r.error)
        .join("; ")}`,
    );
  const v = violations(outcome.afterRun);
  if (v.length) failures.push(`consistency after the run: ${v.slice(0, 5).join("; ")}`);
  if (outcome.afterRun.intents) failures.push(`${outcome.afterRun.intents} intents left after the run (every operation finished)`);
  if (outcome.ledgerProblems.length) failures.push(`confirmed operations vs database: ${outcome.ledgerProblems.slice(0, 5).join("; ")}`);
  const w = violations(outcome.afterSweep);
  if (w.length) failures.push(`consistency after the sweep: ${w.slice(0, 5).join("; ")}`);
  if (outcome.afterSweep.reservations)
    failures.push(`${outcome.afterSweep.reservations} reservations left after they expired and a sweep ran`);
  if (outcome.afterSweep.tokenPointers)
    failures.push(`${outcome.afterSweep.tokenPointers} token pointers left after every reservation was swept`);
  if (outcome.afterSweep.intents) failures.push(`${outcome.afterSweep.intents} intents left after the sweep`);
  if (outcome.events.problems.length) failures.push(`events: ${outcome.events.problems.slice(0, 5).join("; ")}`);
  return failures;
}
