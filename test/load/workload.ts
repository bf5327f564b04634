/**
 * A mixed, random booking workload over HTTP for load and fault runs: availability, reserve,
 * book (from a time or from a reservation), move (PUT, by time or through a reservation made
 * for the move), edit (PUT of the title only) and cancel (DELETE), from many concurrent clients spread over the live hosts,
 * on a small directory so that collisions are frequent. Every response is recorded, and a
 * ledger of what the API confirmed (201 booked, 200 moved, 204 cancelled) is kept to compare
 * with the database afterwards.
 */
import { randomUUID } from "node:crypto";
import { buildDirectory, startOfUtcDay, workingSlots, type BenchDirectory, type DirectoryOptions, type SlotRef } from "../../bench/data.js";
import { mulberry32 } from "../../bench/lib/random.js";

export const LOAD_DIRECTORY: DirectoryOptions = { advisors: 6, branches: 1, roomsPerBranch: 2, seed: 4242, tag: "load" };

export type Op = "available" | "reserve" | "book" | "bookReserved" | "move" | "moveReserved" | "edit" | "cancel";

/** edit = PUT that changes the title only (no new time). */
export const DEFAULT_MIX: Record<Op, number> = {
  available: 15,
  reserve: 15,
  book: 30,
  bookReserved: 10,
  move: 12,
  moveReserved: 5,
  edit: 4,
  cancel: 13,
};

export interface RequestRecord {
  op: Op;
  method: string;
  host: string;
  /** HTTP status, or 0 for a network failure (connection refused/reset, client timeout). */
  status: number;
  ms: number;
  startedAt: number;
  code?: string;
  retryAfter?: string | null;
  contentType?: string | null;
  error?: string;
}

export interface LedgerEntry {
  id: string;
  employeeId: string;
  /** Times the API confirmed, in order of confirmation: the booking, then each successful move. */
  times: { start: string; end: string; at: number }[];
  cancelledAt?: number;
  /** Moves and cancellations whose outcome is unknown (5xx or no response): they may have happened. */
  uncertainTimes: { start: string; end: string }[];
  uncertainCancel?: boolean;
}

export interface WorkloadPlan {
  dir: BenchDirectory;
  /** Working 30-minute slots of the window, per advisor. */
  slots: Map<string, SlotRef[]>;
  windowStart: number;
  windowEnd: number;
}

/** The small directory and the first two days on which its advisors work. */
export function loadPlan(now = Date.now(), options: DirectoryOptions = LOAD_DIRECTORY): WorkloadPlan {
  const dir = buildDirectory(options, now);
  const from = startOfUtcDay(now) + 86_400_000;
  const all = dir.employees.flatMap((e) => workingSlots(e, from, from + 14 * 86_400_000));
  const days = [...new Set(all.map((s) => startOfUtcDay(s.start)))].sort((a, b) => a - b).slice(0, 2);
  const slots = new Map<string, SlotRef[]>();
  for (const s of all) {
    if (!days.includes(startOfUtcDay(s.start))) continue;
    const list = slots.get(s.employeeId) ?? [];
    list.push(s);
    slots.set(s.employeeId, list);
  }
  return { dir, slots, windowStart: days[0], windowEnd: days[days.length - 1] + 86_400_000 };
}

export interface WorkloadOptions {
  plan: WorkloadPlan;
  /** Base URLs (…/api/v2/bookme) of the hosts to use now; read before every request. */
  hosts: () => string[];
  headers: Record<string, string>;
  requests: number;
  concurrency: number;
  seed?: number;
  mix?: Partial<Record<Op, number>>;
  /** Client-side limit per request; a request still open after it counts as a hang (status 0). */
  timeoutMs?: number;
  /** Called when a request is sent and after it completed (fault injection hooks). */
  onSend?: (host: string) => void;
  onRequest?: (record: RequestRecord, done: number) => void;
  /** Pause between a client's requests (ms), to stretch a run over time. */
  thinkMs?: number;
  /** Stop issuing requests once this returns true (with `requests` as the upper bound). */
  until?: () => boolean;
}

export interface WorkloadResult {
  records: RequestRecord[];
  ledger: Map<string, LedgerEntry>;
  wallMs: number;
}

interface Reservation {
  id: string;
  employeeId: string;
  expiresAt: number;
  existingMeetingId?: string;
}

export async function runWorkload(options: WorkloadOptions): Promise<WorkloadResult> {
  const rnd = mulberry32(options.seed ?? 1);
  const { plan } = options;
  const advisors = [...plan.slots.keys()];
  const rooms = plan.dir.rooms.map((r) => r.id);
  const mix = { ...DEFAULT_MIX, ...options.mix };
  const ops = Object.entries(mix).filter(([, w]) => w > 0) as [Op, number][];
  const totalWeight = ops.reduce((a, [, w]) => a + w, 0);
  const tokens = Array.from({ length: 8 }, () => randomUUID());
  const records: RequestRecord[] = [];
  const ledger = new Map<string, LedgerEntry>();
  const reservations: Reservation[] = [];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const chooseOp = (): Op => {
    let x = rnd() * totalWeight;
    for (const [op, w] of ops) if ((x -= w) < 0) return op;
    return ops[0][0];
  };
  const physical = new Set(plan.dir.employees.filter((e) => e.meetingTypes.includes("Physical")).map((e) => e.id));
  /** A random 30- or 60-minute working slot of the advisor. */
  const randomTime = (employeeId: string) => {
    const list = plan.slots.get(employeeId)!;
    const i = Math.floor(rnd() * list.length);
    const long = rnd() < 0.4 && list[i + 1]?.start === list[i].end;
    return { start: list[i].start, end: long ? list[i + 1].end : list[i].end };
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  const liveMeetings = () => [...ledger.values()].filter((m) => m.cancelledAt === undefined);
  const liveReservations = (move: boolean) => reservations.filter((r) => r.expiresAt > Date.now() + 200 && !!r.existingMeetingId === move);

  let issued = 0;
  let done = 0;
  const call = async (op: Op, method: string, path: string, body?: unknown): Promise<{ status: number; json?: unknown }> => {
    const hosts = options.hosts();
    const host = hosts[Math.floor(rnd() * hosts.length)];
    const startedAt = Date.now();
    const t0 = performance.now();
    const record: RequestRecord = { op, method, host, status: 0, ms: 0, startedAt };
    let json: unknown;
    options.onSend?.(host);
    try {
      const res = await fetch(`${host}${path}`, {
        method,
        headers: options.headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      record.status = res.status;
      record.retryAfter = res.headers.get("retry-after");
      record.contentType = res.headers.get("content-type");
      const text = await res.text();
      if (text) {
        try {
          json = JSON.parse(text);
          if (res.status >= 400) record.code = (json as { code?: string }).code;
        } catch {
          record.error = `unparsable body: ${text.slice(0, 100)}`;
        }
      }
    } catch (err) {
      record.error = `${(err as Error).name}: ${(err as Error).message}`.slice(0, 200);
    }
    record.ms = performance.now() - t0;
    records.push(record);
    options.onRequest?.(record, ++done);
    return { status: record.status, json };
  };

  const one = async (): Promise<void> => {
    const op = chooseOp();
    const employeeId = pick(advisors);
    const n = issued;
    switch (op) {
      case "available": {
        const ids = [employeeId, pick(advisors)].join(",");
        await call(
          op,
          "GET",
          `/time-slots/available?requireEmployeeParticipation=false&employeeTypes=Explicit&explicitEmployeeIds=${ids}&startDate=${encodeURIComponent(iso(plan.windowStart))}&lookForwardTime=2.00:00:00`,
        );
        return;
      }
      case "reserve": {
        const t = randomTime(employeeId);
        const roomId = physical.has(employeeId) && rnd() < 0.3 ? pick(rooms) : undefined;
        const res = await call(op, "POST", "/time-slots/reserve", {
          timeSlot: { startDate: iso(t.start), endDate: iso(t.end), employeeId, ...(roomId ? { roomId } : {}) },
          token: pick(tokens),
        });
        if (res.status === 200) {
          const r = res.json as { id: string; expiresAt: string };
          reservations.push({ id: r.id, employeeId, expiresAt: Date.parse(r.expiresAt) });
        }
        return;
      }
      case "book": {
        const t = randomTime(employeeId);
        const withRoom = physical.has(employeeId) && rnd() < 0.35;
        const others = rnd() < 0.2 ? [pick(advisors.filter((a) => a !== employeeId))] : [];
        const body = {
          employeeId,
          customerId: `load-${n}`,
          salesforceId: `sf-${n}`,
          startDate: iso(t.start),
          endDate: iso(t.end),
          type: withRoom ? "Physical" : "Online",
          ...(withRoom ? { roomId: pick(rooms) } : {}),
          ...(others.length ? { additionalEmployees: others } : {}),
        };
        const res = await call(op, "POST", "/meetings", body);
        if (res.status === 201) remember(res.json);
        return;
      }
      case "bookReserved": {
        const r = pick(liveReservations(false));
        if (!r) return one();
        const res = await call(op, "POST", "/meetings", {
          employeeId: r.employeeId,
          customerId: `load-${n}`,
          salesforceId: `sf-${n}`,
          timeSlotId: r.id,
          type: "Online",
        });
        if (res.status === 201) remember(res.json);
        return;
      }
      case "move": {
        const m = pick(liveMeetings());
        if (!m) return one();
        const t = randomTime(m.employeeId);
        const res = await call(op, "PUT", `/meetings/${m.id}`, { startDate: iso(t.start), endDate: iso(t.end) });
        if (res.status === 200) moved(res.json);
        else if (uncertain(res.status)) m.uncertainTimes.push({ start: iso(t.start), end: iso(t.end) });
        return;
      }
      case "moveReserved": {
        const m = pick(liveMeetings());
        if (!m) return one();
        const t = randomTime(m.employeeId);
        const reserved = await call("reserve", "POST", "/time-slots/reserve", {
          timeSlot: { startDate: iso(t.start), endDate: iso(t.end), employeeId: m.employeeId },
          token: randomUUID(),
          existingMeetingId: m.id,
        });
        if (reserved.status !== 200) return;
        const r = reserved.json as { id: string; expiresAt: string };
        reservations.push({ id: r.id, employeeId: m.employeeId, expiresAt: Date.parse(r.expiresAt), existingMeetingId: m.id });
        const res = await call(op, "PUT", `/meetings/${m.id}`, { timeSlotId: r.id });
        if (res.status === 200) moved(res.json);
        else if (uncertain(res.status)) m.uncertainTimes.push({ start: iso(t.start), end: iso(t.end) });
        return;
      }
      case "edit": {
        const m = pick(liveMeetings());
        if (!m) return one();
        await call(op, "PUT", `/meetings/${m.id}`, { title: `edited ${n}` });
        return;
      }
      case "cancel": {
        const m = pick(liveMeetings());
        if (!m) return one();
        const res = await call(op, "DELETE", `/meetings/${m.id}`);
        if (res.status === 204) m.cancelledAt = Date.now();
        else if (uncertain(res.status)) m.uncertainCancel = true;
        return;
      }
    }
  };
  const uncertain = (status: number) => status === 0 || status >= 500;
  const remember = (json: unknown) => {
    const m = json as { id: string; employeeId: string; startDate: string; endDate: string };
    ledger.set(m.id, {
      id: m.id,
      employeeId: m.employeeId,
      times: [{ start: m.startDate, end: m.endDate, at: Date.now() }],
      uncertainTimes: [],
    });
  };
  const moved = (json: unknown) => {
    const m = json as { id: string; startDate: string; endDate: string };
    ledger.get(m.id)?.times.push({ start: m.startDate, end: m.endDate, at: Date.now() });
  };

  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (issued < options.requests && !options.until?.()) {
        issued++;
        await one();
        if (options.thinkMs) await new Promise((r) => setTimeout(r, options.thinkMs));
      }
    }),
  );
  return { records, ledger, wallMs: performance.now() - t0 };
}

/**
 * What the API confirmed against what the database holds: a meeting whose booking was confirmed
 * and never cancelled is Booked, at one of the times the API confirmed for it (the booking or a
 * move); a meeting whose cancellation was confirmed is Cancelled. A move or cancellation that got
 * no answer or a 5xx may or may not have happened, so its result is accepted too.
 */
export function checkLedger(
  ledger: Map<string, LedgerEntry>,
  stored: Map<string, { status: string; startDate: string; endDate: string }>,
): string[] {
  const problems: string[] = [];
  for (const m of ledger.values()) {
    const doc = stored.get(m.id);
    if (!doc) {
      problems.push(`meeting ${m.id}: booked (201) but not in the database`);
      continue;
    }
    if (m.cancelledAt !== undefined) {
      if (doc.status !== "Cancelled") problems.push(`meeting ${m.id}: cancelled (204) but ${doc.status}`);
      continue;
    }
    if (doc.status !== "Booked") {
      if (!m.uncertainCancel) problems.push(`meeting ${m.id}: never cancelled by a confirmed request but ${doc.status}`);
      continue;
    }
    const ms = (s: string) => Date.parse(s);
    if (![...m.times, ...m.uncertainTimes].some((t) => ms(t.start) === ms(doc.startDate) && ms(t.end) === ms(doc.endDate))) {
      problems.push(`meeting ${m.id}: at ${doc.startDate}, which no request gave it (${m.times.map((t) => t.start).join(", ")})`);
    }
  }
  return problems;
}

export interface OpSummary {
  op: string;
  requests: number;
  byStatus: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;

export function summarise(records: readonly RequestRecord[]): OpSummary[] {
  const byOp = new Map<string, RequestRecord[]>();
  for (const r of records) byOp.set(r.op, [...(byOp.get(r.op) ?? []), r]);
  byOp.set("all", [...records]);
  return [...byOp].map(([op, list]) => {
    const byStatus: Record<string, number> = {};
    for (const r of list) {
      const key = r.status === 0 ? "network" : r.status >= 400 && r.code ? `${r.status} ${r.code}` : String(r.status);
      byStatus[key] = (byStatus[key] ?? 0) + 1;
    }
    const ms = list.map((r) => r.ms).sort((a, b) => a - b);
    return { op, requests: list.length, byStatus, p50: percentile(ms, 50), p99: percentile(ms, 99), max: ms[ms.length - 1] ?? NaN };
  });
}

export function formatSummary(summary: OpSummary[]): string {
  const w = Math.max(...summary.map((s) => s.op.length), 4);
  return summary
    .map(
      (s) =>
        `${s.op.padEnd(w)}  ${String(s.requests).padStart(5)} req  p50 ${s.p50.toFixed(0).padStart(5)} ms  p99 ${s.p99.toFixed(0).padStart(5)} ms  max ${s.max.toFixed(0).padStart(5)} ms  ${Object.entries(
          s.byStatus,
        )
          .sort()
          .map(([k, v]) => `${k}: ${v}`)
          .join(", ")}`,
    )
    .join("\n");
}
