/**
 * Fault runs under the mixed workload of test/load:
 *
 * 1. Database outage: the Cosmos server process is stopped (SIGTERM: it drains and writes its
 *    snapshot) and started again from the snapshot while clients keep calling. Requests during the
 *    outage must get 503 problem+json with Retry-After within a bounded time (no hang, no 500);
 *    after recovery every confirmed write is still there, the consistency check passes and, after
 *    one sweep, no intent and no orphan calendar entry remains.
 * 2. Host crash: one of two hosts is killed (SIGKILL) with requests in flight; afterwards the
 *    consistency check passes and, after one sweep, no half-made operation remains.
 *
 * Both runs also check the events: a receiver subscribed before the fault must get every committed
 * change's event (none lost, none for a change that did not commit), and the outbox must be empty
 * (events-check.ts). A delivery cut by the killed host comes back once its queue message's
 * invisibility ends (HOST_QUEUE_VISIBILITY_SECONDS, shortened here from the host's 10 minutes).
 *
 * The hosts run with INTENT_GRACE_SECONDS=2 (the sweeper settles an unfinished operation's
 * intent once it is 2 s old instead of 120 s) so that one sweep right after the run can settle
 * everything; the periodic sweep is off during the run, because with so short a grace it could
 * undo an operation that is merely slow. The sweep runs only once no request is in flight.
 */
import { formatReport, violations, type ConsistencyReport } from "../../dev/consistency.js";
import type { HostProcess, Stack } from "../../dev/stack.js";
import { check, expireAndSweep, seedLoadDirectory, startLoadStack, statusTable, storedMeetings } from "../load/scenario.js";
import { checkEvents, watchEvents, type EventWatch } from "../load/events-check.js";
import { checkLedger, loadPlan, runWorkload, type RequestRecord, type WorkloadResult } from "../load/workload.js";

export const FAULT_ENV = {
  INTENT_GRACE_SECONDS: "2",
  // No periodic sweep during the run (see above): once a year, on 1 January.
  TIMER_SCHEDULES: JSON.stringify({ "reservations-sweep": "0 0 0 1 1 *" }),
  HOST_QUEUE_VISIBILITY_SECONDS: "10",
};
const TTL_SECONDS = 3;
/**
 * The fault runs leave out title-only edits (PUT without a new time): they expose a bug of their
 * own (see test/load: a later move leaves the old time held), which is the load run's to report.
 */
const FAULT_MIX = { available: 10, reserve: 15, book: 32, bookReserved: 10, move: 15, moveReserved: 5, edit: 0, cancel: 13 };

export interface FaultOptions {
  concurrency: number;
  /** Requests before the fault and after recovery. */
  before: number;
  after: number;
  /** Database outage length (ms). */
  outageMs?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface FaultOutcome {
  name: string;
  workload: WorkloadResult;
  /** Requests that were in progress at some point while the database was down (or on the killed host). */
  affected: RequestRecord[];
  afterRun: ConsistencyReport;
  afterSweep: ConsistencyReport;
  sweepLog: string[];
  ledgerProblems: string[];
  failures: string[];
  summary: string;
}

const alive = (h: HostProcess) => h.child.exitCode === null && h.child.signalCode === null;

async function finish(
  name: string,
  stack: Stack,
  watch: EventWatch,
  workload: WorkloadResult,
  affected: RequestRecord[],
  failures: string[],
  log: (line: string) => void,
  notes: string[],
): Promise<FaultOutcome> {
  const afterRun = await check(stack);
  log(`\n[${name}] consistency after the run (before any sweep):\n${formatReport(afterRun)}`);
  const ledgerProblems = checkLedger(workload.ledger, await storedMeetings(stack));
  const sweeper = stack.hosts.find(alive)!;
  const mark = sweeper.output.length;
  await expireAndSweep(stack, Math.max(TTL_SECONDS, Number(FAULT_ENV.INTENT_GRACE_SECONDS)), log);
  const sweepLog = sweeper.output.slice(mark).filter((l) => l.includes("sweep done") || l.includes("[error] reservations-sweep"));
  const afterSweep = await check(stack);
  log(`[${name}] the sweep: ${sweepLog.join(" | ") || "(no report)"}`);
  log(`[${name}] consistency after one sweep:\n${formatReport(afterSweep)}`);
  log(`[${name}] confirmed operations vs database: ${ledgerProblems.length} problems (${workload.ledger.size} meetings confirmed)`);

  // Before the sweep, an interrupted operation may leave orphan calendar entries (they only block
  // time) and a converted reservation not yet deleted; never a double booking or a Booked meeting
  // that its calendars do not hold.
  for (const v of [...afterRun.doubleBookings, ...afterRun.halfMade, ...afterRun.listingMismatch]) failures.push(`after the run: ${v}`);
  for (const v of violations(afterSweep)) failures.push(`after the sweep: ${v}`);
  if (afterSweep.intents) failures.push(`${afterSweep.intents} intents left after the sweep`);
  if (afterSweep.reservations) failures.push(`${afterSweep.reservations} reservations left after they expired and a sweep ran`);
  for (const p of ledgerProblems) failures.push(`confirmed operation lost: ${p}`);
  const events = await checkEvents(stack, watch, workload.ledger.keys());
  log(
    `[${name}] events: ${events.logged} logged, ${events.delivered} delivered (${events.copies} extra copies, same webhook-id); ${events.problems.length} problems`,
  );
  for (const p of events.problems) failures.push(`events: ${p}`);
  const summary = [`[${name}]`, ...notes, statusTable(workload.records)].join("\n");
  log(`\n${summary}`);
  return { name, workload, affected, afterRun, afterSweep, sweepLog, ledgerProblems, failures, summary };
}

/** Stops the database mid-run, restarts it from its snapshot, and checks what clients saw and what is left. */
export async function runCosmosOutage(options: FaultOptions): Promise<FaultOutcome> {
  const log = options.log ?? ((line: string) => console.log(line));
  const outageMs = options.outageMs ?? 4000;
  const stack = await startLoadStack({ hosts: 2, ttlSeconds: TTL_SECONDS, snapshot: true, extraEnv: FAULT_ENV });
  try {
    const plan = loadPlan();
    await seedLoadDirectory(stack, plan);
    const watch = await watchEvents(stack);
    const headers = await stack.headers();
    let phase: "before" | "down" | "after" | "done" = "before";
    let downAt = 0;
    let upAt = 0;
    let doneAfter = 0;
    let fault: Promise<void> | undefined;
    const workload = await runWorkload({
      plan,
      hosts: () => stack.hosts.map((h) => h.base),
      headers,
      requests: 1_000_000,
      concurrency: options.concurrency,
      seed: options.seed ?? 21,
      mix: FAULT_MIX,
      until: () => phase === "done",
      onRequest: (record, done) => {
        if (phase === "before" && done >= options.before) {
          phase = "down";
          fault = (async () => {
            downAt = Date.now();
            await stack.stopCosmos("SIGTERM");
            log(`[outage] database stopped after ${Date.now() - downAt} ms (drained, snapshot written); down for ${outageMs} ms`);
            await new Promise((r) => setTimeout(r, outageMs));
            await stack.startCosmos();
            upAt = Date.now();
            log(`[outage] database up again ${upAt - downAt} ms after the stop began`);
            phase = "after";
          })();
        }
        if (phase === "after" && record.startedAt >= upAt && ++doneAfter >= options.after) phase = "done";
      },
    });
    await fault;
    const endOf = (r: RequestRecord) => r.startedAt + r.ms;
    const affected = workload.records.filter((r) => r.startedAt < upAt && endOf(r) > downAt);
    const during = workload.records.filter((r) => r.startedAt >= downAt && r.startedAt < upAt);
    const failures: string[] = [];
    for (const r of affected) {
      if (r.status === 0) failures.push(`${r.op} ${r.method} during the outage got no response (${r.error}) after ${r.ms.toFixed(0)} ms`);
      else if (r.status >= 500 && r.status !== 503)
        failures.push(`${r.op} ${r.method} during the outage answered ${r.status} ${r.code ?? ""}`);
      else if (r.status === 503 && (!r.contentType?.includes("application/problem+json") || !r.retryAfter))
        failures.push(`503 without problem+json and Retry-After (content-type ${r.contentType}, retry-after ${r.retryAfter})`);
    }
    const after = workload.records.filter((r) => r.startedAt >= upAt);
    const firstOk = after.filter((r) => r.status >= 200 && r.status < 300).sort((a, b) => endOf(a) - endOf(b))[0];
    const lateFailures = after.filter((r) => r.status >= 500 && r.startedAt > upAt + 5000);
    if (!firstOk) failures.push("no request succeeded after the database came back");
    for (const r of lateFailures)
      failures.push(`${r.op} still failed ${r.startedAt - upAt} ms after recovery: ${r.status} ${r.code ?? r.error ?? ""}`);
    const maxDuring = Math.max(0, ...affected.map((r) => r.ms));
    const s503 = affected.filter((r) => r.status === 503).length;
    const notes = [
      `outage ${upAt - downAt} ms; ${during.length} requests started during it, ${affected.length} were in progress at some point during it: ${s503} answered 503, ${affected.filter((r) => r.status > 0 && r.status < 500).length} answered 2xx/4xx, ${affected.filter((r) => r.status === 0).length} no answer, ${affected.filter((r) => r.status >= 500 && r.status !== 503).length} other 5xx`,
      `slowest answer during the outage ${maxDuring.toFixed(0)} ms (p50 of 503s ${median(affected.filter((r) => r.status === 503).map((r) => r.ms)).toFixed(0)} ms); first success after restart ${firstOk ? `${(endOf(firstOk) - upAt).toFixed(0)} ms after it` : "none"}; ${after.length} requests after recovery`,
    ];
    return await finish("database outage", stack, watch, workload, affected, failures, log, notes);
  } finally {
    await stack.stop();
  }
}

/** Kills one of two hosts with requests in flight, carries on with the other, then checks and sweeps. */
export async function runHostKill(options: FaultOptions): Promise<FaultOutcome> {
  const log = options.log ?? ((line: string) => console.log(line));
  const stack = await startLoadStack({ hosts: 2, ttlSeconds: TTL_SECONDS, extraEnv: FAULT_ENV });
  try {
    const plan = loadPlan();
    await seedLoadDirectory(stack, plan);
    const watch = await watchEvents(stack);
    const headers = await stack.headers();
    const victim = stack.hosts[1];
    let killedAt = 0;
    let victimInFlight = 0;
    let kill: Promise<void> | undefined;
    const workload = await runWorkload({
      plan,
      hosts: () => stack.hosts.filter((h) => alive(h) && !(killedAt && h === victim)).map((h) => h.base),
      headers,
      requests: options.before + options.after,
      concurrency: options.concurrency,
      seed: options.seed ?? 31,
      mix: FAULT_MIX,
      // Kill once `before` requests are done and several of the victim's are in flight (so that some
      // operation is likely cut between its calendar writes and its commit).
      onSend: (host) => {
        if (host === victim.base) victimInFlight++;
      },
      onRequest: (record, done) => {
        if (record.host === victim.base) victimInFlight--;
        if (!kill && done >= options.before && victimInFlight >= Math.min(4, Math.ceil(options.concurrency / 4))) {
          killedAt = Date.now();
          kill = victim.kill("SIGKILL");
        }
      },
    });
    await kill;
    const onVictim = workload.records.filter((r) => r.host === victim.base);
    const affected = onVictim.filter((r) => r.startedAt <= killedAt && r.startedAt + r.ms >= killedAt - 5);
    const failures: string[] = [];
    const survivorErrors = workload.records.filter((r) => r.host !== victim.base && (r.status === 0 || r.status >= 500));
    for (const r of survivorErrors) failures.push(`the surviving host answered ${r.op} with ${r.status || r.error}`);
    const notes = [
      `host ${victim.port} killed (SIGKILL) with ${affected.length} of its requests in flight (${affected.filter((r) => r.status === 0).length} got no answer); the other host served the remaining ${workload.records.filter((r) => r.startedAt > killedAt).length} requests`,
    ];
    return await finish("host crash", stack, watch, workload, affected, failures, log, notes);
  } finally {
    await stack.stop();
  }
}

function median(values: number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
