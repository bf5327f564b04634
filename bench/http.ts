/**
 * HTTP benchmark: `npm run bench` (builds first). Starts the local stack on free ports (embedded
 * Cosmos process, Azurite, one local Functions host process), loads a 200-advisor directory with
 * existing meetings, then drives the API with autocannon and prints one row per scenario; the same
 * figures go to bench/results/http-<time>.json (git-ignored).
 *
 *   node dist/bench/http.js [--duration 12] [--connections 10] [--hosts 1] [--only name,name] [--no-health] [--profile host|cosmos|both] [--accept-encoding "br, gzip"] [--availability-cache 5]
 *
 * "vs health" and "p99/health" compare each row with the health row of the same run (req/s and
 * p99), which moves less with the machine's other load than the milliseconds do.
 *
 * Besides latency and throughput, each row shows the CPU time the host process(es) and the Cosmos
 * process spent per request (from /proc), and how many cores other work on the machine used
 * meanwhile: on a shared machine the wall-clock figures move with everything else that runs, the
 * CPU cost per request does not. "host req/s/core" = 1000 / host CPU ms per request: what one
 * host process could serve if it had a core to itself.
 *
 * Requests say Accept-Encoding: br, gzip (as browsers do), so large JSON travels compressed;
 * "KB/resp" is what autocannon read per response (headers included), "KB br" and "KB plain" the
 * body of one sample request of the row with and without compression.
 *
 * "RU/req" is the request units per request from the responses' Server-Timing headers (Cosmos DB's
 * reported charge, or "~" an estimate from Microsoft's cost model against the embedded server;
 * docs/capacity.md), "db calls/req" the Cosmos calls behind it; the per-container split follows the
 * table and goes to the results file, which `npm run capacity` reads. The "write-ceiling" row is not
 * an API call: one conditional point write driven from this process through the app's Cosmos client
 * against the same server (bench/lib/write-ceiling.ts); bookings are shown as a ratio to it. After the rows, the cold
 * start: the app's module load in a fresh process and a new host's time to its first 200 on a
 * branch availability request (--no-cold-start skips it).
 *
 * --profile writes V8 CPU profiles of the host (and/or Cosmos) process under bench/results/profiles/
 * and prints the heaviest functions.
 *
 * "book-messages-off" and "book-messages-on" book with a customer e-mail, at the end of the run, on
 * a fresh host with customer messages off and then on one with them on (the dev ACS;
 * docs/messages.md), twice, the second round in reverse order (-2), one host at a time (messages are a
 * deployment's setting: any host's dispatcher and queue trigger serve every host's events). Sending
 * rides the outbox and a queue trigger, off the request path, so "on" should keep >= 0.9 of "off"'s
 * req/s (both rounds summed). After each "on", the bench waits for its e-mails (one per booking).
 * With messages on, the sender (messages-send) runs as its own instance, as Flex Consumption's
 * per-function scaling runs each queue function on instances apart from the HTTP ones. This machine
 * has 2 cores for the load generator, the database, Azurite, the dev ACS and every instance, so by
 * default (--sender after) the sender instance starts when the row ends, as one on its own hardware
 * would not take the HTTP instance's CPU: the row measures the request path with messages on (the
 * dispatcher queues each event for the sender), the drain after it that every e-mail is sent.
 * --sender alongside runs it during the row (lowest CPU priority, one message at a time) and
 * --sender in-host inside the HTTP host: both measure the shared machine, not the request path.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon, { type RawRequest, type Result } from "autocannon";
import { REPO_ROOT } from "../dev/data-dir.js";
import { createMeeting } from "../shared/booking/commands/book-meeting.js";
import { bookMeetingCommand } from "../shared/api/bookme/meeting-commands.js";
import { MeetingCreateV2 } from "../shared/api/bookme/schemas/meetings.js";
import {
  BENCH_DIRECTORY,
  buildDirectory,
  inBatches,
  loadDirectory,
  meetingBody,
  planMeetings,
  shuffledFreeSlots,
  startOfUtcDay,
  type SlotRef,
} from "./data.js";
import { checkConsistency, formatReport, violations } from "../dev/consistency.js";
import { cpuDelta, processCpuMs, sampleCpu, type CpuDelta } from "./lib/cpu.js";
import { latestProfiles, summariseProfile } from "./lib/profile.js";
import { stackRepositories, startStack } from "../dev/stack.js";
import { fixed, formatTable } from "./lib/table.js";
import { CostCollector, type CostSummary } from "./lib/server-timing.js";
import { measureHostColdStart, medianModuleLoad, productionModulesMb, type HostColdStart, type ModuleLoad } from "./lib/cold-start.js";
import { buildPackage, type PackageResult } from "../dev/package.js";
import { measureWriteCeiling } from "./lib/write-ceiling.js";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "12" },
    connections: { type: "string", default: "10" },
    only: { type: "string" },
    profile: { type: "string" },
    "meetings-per-advisor": { type: "string", default: "6" },
    /** Host processes (autocannon spreads its connections over them). */
    hosts: { type: "string", default: "1" },
    /** Accept-Encoding the requests send ("identity" measures uncompressed responses). */
    "accept-encoding": { type: "string", default: "br, gzip" },
    /** Leave out the health row (to profile one scenario alone). */
    "no-health": { type: "boolean", default: false },
    /** AVAILABILITY_CALENDAR_CACHE_SECONDS of the hosts: as deployed (5); 0 reads every calendar document on every listing. */
    "availability-cache": { type: "string", default: "5" },
    /** Skip the cold-start measurement (a module load in a fresh process and one extra host). */
    "no-cold-start": { type: "boolean", default: false },
    sender: { type: "string", default: "after" },
  },
});
const SENDER_MODES = ["after", "alongside", "in-host"] as const;
type SenderMode = (typeof SENDER_MODES)[number];
if (!SENDER_MODES.includes(args.sender as SenderMode)) throw new Error(`--sender must be one of ${SENDER_MODES.join(", ")}`);
const senderMode = args.sender as SenderMode;

const DAY = 86_400_000;
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const RESULTS = path.join(REPO_ROOT, "bench", "results");
const PROFILES = path.join(RESULTS, "profiles", new Date().toISOString().replace(/[:.]/g, "-"));
const profileHost = args.profile === "host" || args.profile === "both";
const profileCosmos = args.profile === "cosmos" || args.profile === "both";

/** A row's own distinct slots are used up: the row ends there (its req/s is over the time it ran). */
class SlotsExhausted extends Error {
  constructor(row: string) {
    super(`${row}: out of distinct slots, the row ended early`);
  }
}

interface Scenario {
  name: string;
  description: string;
  connections: number;
  /** Request headers that differ from the bench's (e.g. Accept-Encoding). */
  headers?: Record<string, string>;
  /** p99 target (ms), minimum req/s or minimum share of the health row's req/s, checked and shown. */
  target?: { p99Ms?: number; minRps?: number; minVsHealth?: number };
  requests: () => { method: string; path: string; body?: () => string; pathFn?: () => string };
  /** Customer messages off or on: run at the end, each on a fresh host of its own (see the header). */
  messages?: "off" | "on";
}

interface Row {
  scenario: string;
  description: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  /** Mean response size (bytes). */
  bytes: number;
  /** Body bytes of one sample request, compressed as the bench's requests ask and uncompressed (GET rows). */
  sampleCompressed?: number;
  sampleEncoding?: string;
  samplePlain?: number;
  /** CPU ms per request of the host process(es) and of the Cosmos server process. */
  hostCpuMsPerRequest?: number;
  cosmosCpuMsPerRequest?: number;
  /** Cores busy with other work on the machine during the run (other users, Azurite, the OS). */
  otherCores?: number;
  cpu?: CpuDelta;
  statusCodes: Record<string, number>;
  vsHealth?: number;
  /** req/s over the write-ceiling row's (one conditional point write, bench/lib/write-ceiling.ts): bookings. */
  vsWriteCeiling?: number;
  /** book-messages-on: req/s of the "on" rows over the "off" rows of the same run (customer messages on vs off). */
  vsMessagesOff?: number;
  /** book-messages-on rows: e-mails the dev ACS took for its bookings, and how long after the row they all were in. */
  messages?: { bookings: number; emails: number; drainSeconds: number; sender: SenderMode; senderCpuMsPerEmail?: number };
  /** p99 over the health row's p99 in the same run: latency with the machine's load factored out. */
  p99VsHealth?: number;
  target?: string;
  met?: boolean;
  /** From the responses' Server-Timing headers: request units (estimated or reported), Cosmos calls and time per request. */
  cost?: CostSummary;
}

const log = (line: string) => console.log(line);

async function main() {
  const started = Date.now();
  const loadAtStart = os
    .loadavg()
    .map((v) => v.toFixed(1))
    .join(" ");
  if (profileHost || profileCosmos) fs.mkdirSync(PROFILES, { recursive: true });
  const profFlags = ["--cpu-prof", `--cpu-prof-dir=${PROFILES}`];
  const hostCount = Number(args.hosts);
  const only = args.only ? new Set(args.only.split(",")) : undefined;
  const withMessages = !only || only.has("book-messages-on") || only.has("book-messages-off");
  log(`starting the local stack (embedded Cosmos, Azurite, ${hostCount} host${hostCount > 1 ? "s" : ""}) ...`);
  const stack = await startStack({
    hosts: hostCount,
    // The dev ACS for the messages-on hosts; every other host has customer messages off, as before.
    acs: withMessages,
    hostEnv: { ACS_CONNECTION_STRING: "", AVAILABILITY_CALENDAR_CACHE_SECONDS: args["availability-cache"] },
    hostNodeFlags: profileHost ? profFlags : [],
    cosmosNodeFlags: profileCosmos ? profFlags : [],
  });
  const urls = stack.hosts.map((h) => h.url);
  try {
    const repos = await stackRepositories(stack);
    const now = Date.now();
    const dir = buildDirectory(BENCH_DIRECTORY, now);
    const from = startOfUtcDay(now) + DAY;
    const to = from + 14 * DAY;
    await loadDirectory(repos.directory, dir);
    const plan = planMeetings(dir, from, to, Number(args["meetings-per-advisor"]));
    let n = 0;
    await inBatches(plan.meetings, 16, (m) =>
      createMeeting(repos, bookMeetingCommand(MeetingCreateV2.parse(meetingBody(m, n++)), "v2"), Date.now()),
    );
    log(
      `loaded ${dir.employees.length} advisors in ${dir.branches.length} branches, ${dir.rooms.length} rooms, ${dir.topics.length} topics, ${plan.meetings.length} existing meetings (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );

    // Free slots, split so no two scenarios (and no two requests) ever aim at the same one.
    const free = shuffledFreeSlots(plan, 7);
    const contention = free.splice(0, 4);
    // Slots for the messages on/off rows: their own, never another row's, in the four weeks after the
    // seeded ones (no meetings there), so a fast machine does not run out within a row.
    const messageSlots = shuffledFreeSlots(planMeetings(dir, to, to + 28 * DAY, 0), 11);
    const offSlots = messageSlots.filter((_, i) => i % 2 === 0);
    const onSlots = messageSlots.filter((_, i) => i % 2 === 1);
    const half = Math.floor(free.length / 2);
    const reserveSlots = free.slice(0, half);
    const bookSlots = free.slice(half);
    const roomsByBranch = new Map(dir.branches.map((b) => [b, dir.rooms.filter((r) => r.location === b).map((r) => r.id)]));
    const physical = new Set(dir.employees.filter((e) => e.meetingTypes.includes("Physical")).map((e) => e.id));
    const withRoom = (slot: SlotRef, i: number) => {
      if (i % 3 !== 0 || !physical.has(slot.employeeId)) return slot;
      const rooms = roomsByBranch.get(dir.branchOf.get(slot.employeeId)!) ?? [];
      const roomId = rooms.find((r) => !plan.roomBusy.has(`${r}|${slot.start}`));
      if (!roomId) return slot;
      plan.roomBusy.add(`${roomId}|${slot.start}`);
      return { ...slot, roomId };
    };
    const ids = dir.employees.map((e) => e.id);
    const startIso = new Date(from).toISOString();
    let pick = 0;
    const three = () => [ids[(pick * 7) % ids.length], ids[(pick * 7 + 1) % ids.length], ids[(pick++ * 7 + 2) % ids.length]].join(",");
    let branchTurn = 0;
    const branchQuery = () =>
      `/api/v2/bookme/time-slots/available?requireEmployeeParticipation=false&employeeTypes=Local&customerLocation=${encodeURIComponent(dir.branches[branchTurn++ % dir.branches.length])}&requireRoom=true&startDate=${encodeURIComponent(startIso)}&lookForwardTime=14.00:00:00`;

    const acsStats = async () =>
      ((await (await fetch(new URL("/dev-acs/stats", stack.acs!.inboxUrl))).json()) as { emails: number }).emails;
    let offNext = 0;
    let onNext = 0;
    const withCustomer = (slot: SlotRef, n: number) => ({
      ...meetingBody(slot, n),
      externalAttendees: [{ name: `Customer ${n}`, email: `customer.${n}@example.com` }],
    });
    let reserveNext = 0;
    let bookNext = 0;
    let contendNext = 0;
    const scenarios: Scenario[] = [
      {
        name: "health",
        description: "GET /health",
        connections: CONNECTIONS,
        requests: () => ({ method: "GET", path: "/api/v2/bookme/health" }),
      },
      {
        name: "available-3x7",
        description: "3 explicit advisors x 7 days",
        connections: CONNECTIONS,
        target: { p99Ms: 40 },
        requests: () => ({
          method: "GET",
          path: "",
          pathFn: () =>
            `/api/v2/bookme/time-slots/available?requireEmployeeParticipation=false&employeeTypes=Explicit&explicitEmployeeIds=${three()}&startDate=${encodeURIComponent(startIso)}&lookForwardTime=7.00:00:00`,
        }),
      },
      {
        name: "available-3x7-identity",
        description: "the same, uncompressed (Accept-Encoding: identity)",
        connections: CONNECTIONS,
        headers: { "accept-encoding": "identity" },
        requests: () => ({
          method: "GET",
          path: "",
          pathFn: () =>
            `/api/v2/bookme/time-slots/available?requireEmployeeParticipation=false&employeeTypes=Explicit&explicitEmployeeIds=${three()}&startDate=${encodeURIComponent(startIso)}&lookForwardTime=7.00:00:00`,
        }),
      },
      {
        name: "available-branch-40x14",
        description: "branch (~40 advisors) x 14 days, requireRoom",
        connections: CONNECTIONS,
        target: { p99Ms: 250 },
        requests: () => ({
          method: "GET",
          path: "",
          pathFn: branchQuery,
        }),
      },
      {
        name: "available-branch-40x14-1conn",
        description: "the same, one request at a time (single-request latency)",
        connections: 1,
        target: { p99Ms: 60 },
        requests: () => ({
          method: "GET",
          path: "",
          pathFn: branchQuery,
        }),
      },
      {
        name: "available-branch-40x14-grouped",
        description: "the same with groupBy=start (one entry per start)",
        connections: CONNECTIONS,
        target: { p99Ms: 250 },
        requests: () => ({ method: "GET", path: "", pathFn: () => `${branchQuery()}&groupBy=start` }),
      },
      {
        name: "available-branch-40x14-grouped-1conn",
        description: "groupBy=start, one request at a time",
        connections: 1,
        target: { p99Ms: 60 },
        requests: () => ({ method: "GET", path: "", pathFn: () => `${branchQuery()}&groupBy=start` }),
      },
      {
        name: "reserve-distinct",
        description: "POST /time-slots/reserve, distinct slots",
        connections: CONNECTIONS,
        requests: () => ({
          method: "POST",
          path: "/api/v2/bookme/time-slots/reserve",
          body: () => {
            const s = reserveSlots[reserveNext++];
            if (!s) throw new SlotsExhausted("reserve");
            return JSON.stringify({
              timeSlot: { startDate: new Date(s.start).toISOString(), endDate: new Date(s.end).toISOString(), employeeId: s.employeeId },
              token: randomUUID(),
            });
          },
        }),
      },
      {
        name: "book-distinct",
        description: "POST /meetings, distinct free slots",
        connections: CONNECTIONS,
        target: { minVsHealth: 0.9 },
        requests: () => ({
          method: "POST",
          path: "/api/v2/bookme/meetings",
          body: () => {
            const i = bookNext++;
            const s = bookSlots[i];
            if (!s) throw new SlotsExhausted("booking");
            return JSON.stringify(meetingBody(withRoom(s, i), 100_000 + i));
          },
        }),
      },
      {
        name: "book-contention",
        description: "POST /meetings, all on 4 slots (409 expected)",
        connections: CONNECTIONS,
        requests: () => ({
          method: "POST",
          path: "/api/v2/bookme/meetings",
          body: () => JSON.stringify(meetingBody(contention[contendNext++ % contention.length], 900_000 + contendNext)),
        }),
      },
      {
        name: "book-messages-off",
        description: "POST /meetings with a customer e-mail, customer messages off (a fresh host)",
        connections: CONNECTIONS,
        messages: "off",
        requests: () => ({
          method: "POST",
          path: "/api/v2/bookme/meetings",
          body: () => {
            const s = offSlots[offNext];
            if (!s) throw new SlotsExhausted("book-messages-off");
            return JSON.stringify(withCustomer(s, 200_000 + offNext++));
          },
        }),
      },
      {
        name: "book-messages-on",
        description: "the same with customer messages on (a fresh host; e-mail through the dev ACS)",
        connections: CONNECTIONS,
        messages: "on",
        requests: () => ({
          method: "POST",
          path: "/api/v2/bookme/meetings",
          body: () => {
            const s = onSlots[onNext];
            if (!s) throw new SlotsExhausted("book-messages-on");
            return JSON.stringify(withCustomer(s, 300_000 + onNext++));
          },
        }),
      },
    ];
    const headers = { ...(await stack.headers()), "accept-encoding": ACCEPT_ENCODING };

    // Warm-up: JIT, connection pools, the SDK's container cache.
    await run(urls, { name: "warmup", description: "", connections: 4, requests: scenarios[1].requests }, headers, 2);

    const rows: Row[] = [];
    for (const s of scenarios) {
      if (s.name === "health" ? args["no-health"] : only && !only.has(s.name)) continue;
      if (s.messages) continue;
      const pids = [...stack.hosts.map((h) => h.child.pid), stack.cosmosPid()];
      const before = sampleCpu(pids);
      const costs = new CostCollector();
      const result = await run(urls, s, headers, DURATION, costs);
      const cpu = cpuDelta(before, sampleCpu(pids));
      const row = toRow(s, result);
      row.cost = costs.summary();
      const spec = s.requests();
      if (spec.method === "GET")
        Object.assign(row, await sampleSizes(urls[0], spec.pathFn ? spec.pathFn() : spec.path, { ...headers, ...s.headers }));
      const hostMs = cpu.processes.slice(0, -1).reduce<number>((a, v) => a + (v ?? 0), 0);
      row.cpu = cpu;
      row.hostCpuMsPerRequest = row.requests ? hostMs / row.requests : undefined;
      row.cosmosCpuMsPerRequest = row.requests && cpu.processes.at(-1) !== undefined ? cpu.processes.at(-1)! / row.requests : undefined;
      row.otherCores = cpu.others !== undefined ? cpu.others / cpu.wallMs : undefined;
      rows.push(row);
      log(`  ${s.name}: ${row.requests} requests, ${fixed(row.rps, 0)} req/s, p99 ${row.p99} ms, non-2xx ${row.non2xx}`);
    }
    // Customer messages off vs on: the bench's hosts stop (their dispatchers would serve the others' events), then one fresh host at a time.
    const messageScenarios = scenarios.filter((s) => s.messages && (!only || only.has(s.name)));
    if (withMessages && messageScenarios.length) {
      const outboxEmpty = async () => {
        for (let t0 = Date.now(); Date.now() - t0 < 60_000;) {
          if ((await repos.events.outbox.pending(1)).length === 0) return;
          await new Promise((r) => setTimeout(r, 250));
        }
      };
      await outboxEmpty();
      for (const h of [...stack.hosts]) await h.kill("SIGTERM");
      // Off, on, then on, off: each row books into calendars the rows before it filled (the schedules'
      // RU per booking rises row by row), so the second round runs in reverse and neither side always goes later.
      for (const round of [1, 2])
        for (const s of round === 1 ? messageScenarios : [...messageScenarios].reverse()) {
          const acs = s.messages === "on" ? { ACS_CONNECTION_STRING: stack.acs!.connectionString } : undefined;
          const ownSender = acs && senderMode !== "in-host";
          const host = await stack.startHost({ ...acs, ...(ownSender ? { HOST_FUNCTIONS: "-messages-send" } : {}) });
          let senderCpuAtStart = 0;
          const startSender = async () => {
            const sender = await stack.startHost({
              ...acs,
              HOST_FUNCTIONS: "messages-send",
              ...(senderMode === "alongside"
                ? {
                    AzureFunctionsJobHost__extensions__queues__batchSize: "1",
                    AzureFunctionsJobHost__extensions__queues__newBatchThreshold: "0",
                  }
                : {}),
            });
            if (senderMode === "alongside" && sender.child.pid) os.setPriority(sender.child.pid, 19);
            senderCpuAtStart = processCpuMs(sender.child.pid) ?? 0;
            return sender;
          };
          // Its warm-up e-mails wait in the queue with "after" and go out with the row's.
          let sender = ownSender && senderMode === "alongside" ? await startSender() : undefined;
          // Warm-up alike: queries, then bookings (on the "on" host its first e-mails: the ACS client, TLS), then quiet.
          await run([host.url], { name: "warmup", description: "", connections: 4, requests: scenarios[1].requests }, headers, 2);
          await run([host.url], { ...s, name: "warmup", connections: 4 }, headers, 2);
          await outboxEmpty();
          await new Promise((r) => setTimeout(r, 2000));
          const emailsBefore = await acsStats();
          const pids = [host.child.pid, stack.cosmosPid()];
          const before = sampleCpu(pids);
          const costs = new CostCollector();
          const named = { ...s, name: round === 1 ? s.name : `${s.name}-2` };
          const result = await run([host.url], named, headers, DURATION, costs);
          const cpu = cpuDelta(before, sampleCpu(pids));
          const row = toRow(named, result);
          row.cost = costs.summary();
          row.cpu = cpu;
          row.hostCpuMsPerRequest = row.requests && cpu.processes[0] !== undefined ? cpu.processes[0] / row.requests : undefined;
          row.cosmosCpuMsPerRequest = row.requests && cpu.processes[1] !== undefined ? cpu.processes[1] / row.requests : undefined;
          row.otherCores = cpu.others !== undefined ? cpu.others / cpu.wallMs : undefined;
          if (s.messages === "on") {
            // Its confirmations drain before the next row, and are counted: one e-mail per booking.
            const bookings = row.statusCodes["201"] ?? 0;
            const t0 = Date.now();
            if (ownSender && !sender) sender = await startSender();
            let emails = (await acsStats()) - emailsBefore;
            while (emails < bookings && Date.now() - t0 < 180_000) {
              await new Promise((r) => setTimeout(r, 500));
              emails = (await acsStats()) - emailsBefore;
            }
            const senderCpuNow = processCpuMs(sender?.child.pid);
            const senderCpu = senderCpuNow !== undefined ? senderCpuNow - senderCpuAtStart : undefined;
            row.messages = {
              bookings,
              emails,
              drainSeconds: (Date.now() - t0) / 1000,
              sender: senderMode,
              senderCpuMsPerEmail: senderCpu !== undefined && emails ? senderCpu / emails : undefined,
            };
          }
          await outboxEmpty();
          await host.kill("SIGTERM");
          await sender?.kill("SIGTERM");
          rows.push(row);
          log(
            `  ${named.name}: ${row.requests} requests, ${fixed(row.rps, 0)} req/s, p99 ${row.p99} ms, non-2xx ${row.non2xx}${row.messages ? `; ${row.messages.emails} e-mails for ${row.messages.bookings} bookings, all in ${fixed(row.messages.drainSeconds, 1)} s after the row; sender ${row.messages.sender}${row.messages.senderCpuMsPerEmail !== undefined ? `, ${fixed(row.messages.senderCpuMsPerEmail, 1)} ms CPU per e-mail` : ""}` : ""}`,
          );
        }
    }
    // The write ceiling, labelled as not through the host: one conditional point write from this process via the app's Cosmos client (bench/lib/write-ceiling.ts).
    if (!only || only.has("write-ceiling")) {
      const w = await measureWriteCeiling(stack, CONNECTIONS, DURATION);
      rows.push({
        scenario: "write-ceiling",
        description:
          "ONE conditional point write (create-if-absent, ~1 KB), bench process -> app's Cosmos client -> the same embedded server; no host, no HTTP (host CPU = the bench process's SDK side)",
        connections: CONNECTIONS,
        requests: w.requests,
        rps: w.rps,
        p50: w.p50,
        p99: w.p99,
        max: w.max,
        non2xx: w.errors,
        errors: w.errors,
        bytes: 0,
        statusCodes: { "201": w.requests, ...(w.errors ? { error: w.errors } : {}) },
        cpu: w.cpu,
        hostCpuMsPerRequest: w.clientCpuMsPerWrite,
        cosmosCpuMsPerRequest: w.cosmosCpuMsPerWrite,
        otherCores: w.cpu.others !== undefined ? w.cpu.others / w.cpu.wallMs : undefined,
      });
      log(`  write-ceiling: ${w.requests} writes, ${fixed(w.rps, 0)} writes/s, p99 ${fixed(w.p99, 1)} ms, errors ${w.errors}`);
    }
    const ceiling = rows.find((r) => r.scenario === "write-ceiling");
    for (const r of rows) if (ceiling && r.scenario.startsWith("book")) r.vsWriteCeiling = r.rps / ceiling.rps;
    const health = rows.find((r) => r.scenario === "health");
    for (const r of rows) if (health) [r.vsHealth, r.p99VsHealth] = [r.rps / health.rps, r.p99 / health.p99];
    // Both rounds summed: req/s of all "on" rows over all "off" rows.
    const offRows = rows.filter((r) => r.scenario.startsWith("book-messages-off"));
    const onRows = rows.filter((r) => r.scenario.startsWith("book-messages-on"));
    const sumRps = (rs: Row[]) => rs.reduce((a, r) => a + r.rps, 0);
    const messagesOn = onRows[0];
    const messagesRatio = offRows.length && onRows.length === offRows.length ? sumRps(onRows) / sumRps(offRows) : undefined;
    if (messagesOn && messagesRatio !== undefined) {
      messagesOn.vsMessagesOff = messagesRatio;
      messagesOn.target = ">=0.9 x messages off";
      messagesOn.met = messagesRatio >= 0.9 && onRows.every((r) => r.non2xx <= r.requests * 0.01);
    }
    for (const s of scenarios) {
      const r = rows.find((x) => x.scenario === s.name);
      if (!r || !s.target?.minVsHealth) continue;
      r.target = `>=${s.target.minVsHealth} x health`;
      r.met = r.vsHealth !== undefined && r.vsHealth >= s.target.minVsHealth && r.non2xx <= r.requests * 0.01;
    }

    log("");
    log(
      `BookMe HTTP benchmark: ${DURATION} s per scenario, ${hostCount} host process${hostCount > 1 ? "es" : ""}, availability calendar cache ${args["availability-cache"]} s, node ${process.version}, ${os.cpus().length} cores, ${dir.employees.length} advisors, ${plan.meetings.length} existing meetings, load average at start ${loadAtStart}`,
    );
    log(
      formatTable(
        [
          "scenario",
          "conns",
          "requests",
          "req/s",
          "p50 ms",
          "p99 ms",
          "max ms",
          "non-2xx",
          "vs health",
          "p99/health",
          "KB/resp",
          "KB br",
          "KB plain",
          "host CPU ms/req",
          "db CPU ms/req",
          "host req/s/core",
          "other cores",
          "RU/req",
          "db calls/req",
          "target",
        ],
        rows.map((r) => [
          r.scenario,
          r.connections,
          r.requests,
          fixed(r.rps, 0),
          fixed(r.p50, 1),
          fixed(r.p99, 1),
          fixed(r.max, 0),
          r.non2xx,
          r.vsHealth !== undefined ? fixed(r.vsHealth, 2) : "-",
          r.p99VsHealth !== undefined ? fixed(r.p99VsHealth, 2) : "-",
          fixed(r.bytes / 1024, 1),
          r.sampleCompressed !== undefined ? `${fixed(r.sampleCompressed / 1024, 1)}${r.sampleEncoding ? "" : " (id)"}` : "-",
          r.samplePlain !== undefined ? fixed(r.samplePlain / 1024, 1) : "-",
          r.hostCpuMsPerRequest !== undefined ? fixed(r.hostCpuMsPerRequest, 2) : "-",
          r.cosmosCpuMsPerRequest !== undefined ? fixed(r.cosmosCpuMsPerRequest, 2) : "-",
          r.hostCpuMsPerRequest ? fixed(1000 / r.hostCpuMsPerRequest, 0) : "-",
          r.otherCores !== undefined ? fixed(r.otherCores, 2) : "-",
          r.cost ? `${r.cost.estimated ? "~" : ""}${fixed(r.cost.ruPerRequest, 1)}` : "-",
          r.cost ? fixed(r.cost.dbCallsPerRequest, 1) : "-",
          r.target ? `${r.target} ${r.met ? "met" : "MISSED"}` : "",
        ]),
        [false, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, false],
      ),
    );
    if (ceiling)
      for (const r of rows.filter((x) => x.vsWriteCeiling !== undefined))
        log(
          `${r.scenario}: ${fixed(r.vsWriteCeiling!, 2)} x the write ceiling's req/s (${fixed(r.rps, 0)} vs ${fixed(ceiling.rps, 0)}); database CPU per request ${r.cosmosCpuMsPerRequest !== undefined && ceiling.cosmosCpuMsPerRequest ? `${fixed(r.cosmosCpuMsPerRequest / ceiling.cosmosCpuMsPerRequest, 1)} x one write's` : "-"}, Cosmos calls per request ${r.cost ? fixed(r.cost.dbCallsPerRequest, 1) : "-"}`,
        );
    if (messagesOn?.vsMessagesOff !== undefined) {
      const emails = onRows.reduce((a, r) => a + (r.messages?.emails ?? 0), 0);
      const bookings = onRows.reduce((a, r) => a + (r.messages?.bookings ?? 0), 0);
      log(
        `customer messages on vs off: ${fixed(messagesOn.vsMessagesOff, 2)} x the req/s of booking with them off (${onRows.map((r) => fixed(r.rps, 0)).join(" + ")} vs ${offRows.map((r) => fixed(r.rps, 0)).join(" + ")}, ${onRows.length} rounds in turn); ${emails} e-mails for ${bookings} bookings (target >= 0.9: ${messagesOn.met ? "met" : "MISSED"})`,
      );
    }
    const estimated = rows.some((r) => r.cost?.estimated);
    log(
      `RU/req: request units per request from the responses' Server-Timing headers, ${estimated ? "~ = ESTIMATED from Microsoft's cost model (the embedded server reports none; docs/capacity.md)" : "as Cosmos DB reported them"}.`,
    );
    for (const r of rows)
      if (r.cost && Object.keys(r.cost.ruByContainer).length)
        log(
          `  ${r.scenario}: ${Object.entries(r.cost.ruByContainer)
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => `${k} ${fixed(v, 2)}`)
            .join(", ")}`,
        );
    for (const r of rows)
      if (r.non2xx)
        log(
          `  ${r.scenario} status codes: ${Object.entries(r.statusCodes)
            .map(([k, v]) => `${k}: ${v}`)
            .join(", ")}`,
        );

    // Cold start: the app's module load in a fresh process, and a new host from spawn to its first 200 on a branch availability request.
    // Before: the compiled files as the host imports them (dist/functions/**); after: the bundled deployment package (dev/package.ts).
    let moduleLoad: ModuleLoad | undefined;
    let coldStart: HostColdStart | undefined;
    let bundled: { package: PackageResult; moduleLoad: ModuleLoad; coldStart: HostColdStart } | undefined;
    if (!args["no-cold-start"]) {
      const built = await buildPackage();
      moduleLoad = medianModuleLoad();
      const bundledLoad = medianModuleLoad(built.dir);
      coldStart = await measureHostColdStart(stack, branchQuery(), headers);
      const bundledStart = await measureHostColdStart(stack, branchQuery(), headers, { HOST_APP_ROOT: built.dir });
      bundled = { package: built, moduleLoad: bundledLoad, coldStart: bundledStart };
      const line = (what: string, m: ModuleLoad, c: HostColdStart) =>
        `  ${what}: node boot ${fixed(m.nodeBootMs, 0)} ms, app module load ${fixed(m.appLoadMs, 0)} ms (median of 3; ${m.files} file${m.files === 1 ? "" : "s"}, RSS ${fixed(m.rssMb, 0)} MB); new host: listening after ${fixed(c.listeningMs, 0)} ms, first 200 on branch availability after ${fixed(c.firstOkMs, 0)} ms (that request ${fixed(c.firstRequestMs, 0)} ms)`;
      log("\ncold start:");
      log(line("compiled files (dist/functions/**)", moduleLoad, coldStart));
      log(line("bundled package (dist/package)", bundledLoad, bundledStart));
      log(
        `  deployment package: ${fixed(built.bytes / 1048576, 1)} MB in ${built.files} files (${fixed(built.jsBytes / 1048576, 1)} MB JavaScript), no node_modules to install; before: the repository without node_modules, built remotely (npm install: production node_modules ${fixed(productionModulesMb(), 0)} MB here)`,
      );
    }

    repos.dispose();
    await new Promise((r) => setTimeout(r, 2000)); // requests autocannon left in flight finish
    const report = await checkConsistency({ endpoint: stack.cosmosEndpoint, key: stack.cosmosKey });
    log("\nconsistency after the run:");
    log(formatReport(report));

    fs.mkdirSync(RESULTS, { recursive: true });
    const out = {
      at: new Date().toISOString(),
      node: process.version,
      durationSeconds: DURATION,
      hosts: hostCount,
      loadAverageAtStart: loadAtStart,
      directory: {
        advisors: dir.employees.length,
        branches: dir.branches.length,
        rooms: dir.rooms.length,
        existingMeetings: plan.meetings.length,
      },
      rows,
      moduleLoad,
      coldStart,
      bundled,
      consistency: { ...report, violations: violations(report).length },
    };
    const file = path.join(RESULTS, `http-${out.at.replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(file, JSON.stringify(out, null, 2));
    fs.writeFileSync(path.join(RESULTS, "http-latest.json"), JSON.stringify(out, null, 2));
    log(`\nwritten ${path.relative(REPO_ROOT, file)} (total ${((Date.now() - started) / 1000).toFixed(0)} s)`);
    if (violations(report).length) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
  if (profileHost || profileCosmos) {
    for (const file of latestProfiles(PROFILES)) {
      const p = summariseProfile(file, 30);
      log(`\nprofile ${path.relative(REPO_ROOT, file)}: ${fixed(p.totalMs / 1000, 1)} s, idle ${fixed((100 * p.idleMs) / p.totalMs, 0)}%`);
      log(
        formatTable(
          ["self ms", "share", "package"],
          p.byPackage.slice(0, 12).map((r) => [fixed(r.selfMs, 0), `${fixed(100 * r.share, 1)}%`, r.fn]),
          [true, true, false],
        ),
      );
      log(
        formatTable(
          ["self ms", "share", "function"],
          p.rows.map((r) => [fixed(r.selfMs, 0), `${fixed(100 * r.share, 1)}%`, r.fn]),
          [true, true, false],
        ),
      );
    }
  }
}

const ACCEPT_ENCODING = args["accept-encoding"];

/** Body bytes of one GET with the bench's Accept-Encoding and one without (identity). */
async function sampleSizes(
  url: string,
  pathAndQuery: string,
  headers: Record<string, string>,
): Promise<Pick<Row, "sampleCompressed" | "sampleEncoding" | "samplePlain">> {
  const get = (acceptEncoding: string) =>
    new Promise<{ bytes: number; encoding?: string }>((resolve, reject) => {
      const req = http.get(new URL(pathAndQuery, url), { headers: { ...headers, "accept-encoding": acceptEncoding } }, (res) => {
        let bytes = 0;
        res.on("data", (c: Buffer) => (bytes += c.length));
        res.on("end", () => resolve({ bytes, encoding: res.headers["content-encoding"] }));
        res.on("error", reject);
      });
      req.on("error", reject);
    });
  const compressed = await get(headers["accept-encoding"] ?? ACCEPT_ENCODING);
  const plain = await get("identity");
  return { sampleCompressed: compressed.bytes, sampleEncoding: compressed.encoding, samplePlain: plain.bytes };
}

function run(urls: string[], s: Scenario, headers: Record<string, string>, duration: number, costs?: CostCollector): Promise<Result> {
  const spec = s.requests();
  return new Promise((resolve, reject) => {
    let instance: ReturnType<typeof autocannon> | undefined = undefined;
    let exhausted: SlotsExhausted | undefined;
    instance = autocannon({
      url: urls.length === 1 ? urls[0] : urls,
      connections: s.connections,
      duration,
      timeout: 30,
      headers: { ...headers, ...s.headers },
      title: s.name,
      requests: [
        {
          method: spec.method,
          path: spec.path || "/",
          ...(costs
            ? { onResponse: (_status: number, _body: string, _ctx: unknown, h: Record<string, string>) => costs.add(h["server-timing"]) }
            : {}),
          setupRequest: (req: RawRequest) => {
            try {
              return { ...req, ...(spec.pathFn ? { path: spec.pathFn() } : {}), ...(spec.body ? { body: spec.body() } : {}) };
            } catch (err) {
              if (!(err instanceof SlotsExhausted)) reject(err instanceof Error ? err : new Error(String(err)));
              else if (!exhausted) log((exhausted = err).message);
              instance?.stop();
              // The few requests still asked for until the stop lands: a harmless read, not a half-built booking.
              return err instanceof SlotsExhausted ? { ...req, method: "GET", path: "/api/v2/bookme/health", body: undefined } : req;
            }
          },
        },
      ],
    });
    instance.then(resolve, reject);
  });
}

function toRow(s: Scenario, r: Result): Row {
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  const requests = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  const rps = requests / r.duration;
  const row: Row = {
    scenario: s.name,
    description: s.description,
    connections: s.connections,
    requests,
    rps,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    bytes: requests ? r.throughput.total / requests : 0,
    statusCodes,
  };
  if (s.target?.p99Ms) {
    row.target = `p99<${s.target.p99Ms}`;
    row.met = r.latency.p99 < s.target.p99Ms;
  }
  if (s.target?.minRps) {
    row.target = `>=${s.target.minRps}/s`;
    row.met = rps >= s.target.minRps && r.non2xx <= requests * 0.01;
  }
  return row;
}

main().catch((err) => {
  console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
  process.exit(1);
});
