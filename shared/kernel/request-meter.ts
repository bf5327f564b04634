/**
 * What one API request cost downstream: database calls (count, time, request units, bytes) and
 * Graph calls, accumulated per request through AsyncLocalStorage. The edge opens a meter around
 * each request (shared/api/edge/endpoint.ts) and writes it as a Server-Timing header; the Cosmos
 * client's plugin (shared/adapters/cosmos/request-charge.ts) adds to it. Per-request figures only:
 * nothing here decides anything.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface DbUsage {
  calls: number;
  /** Sum of the calls' durations (parallel calls overlap). */
  ms: number;
  /** Wall time with at least one call in flight: Server-Timing's cosmos dur. */
  wallMs: number;
  inFlight: number;
  busySince: number;
  /** Request units: reported by Cosmos DB, or estimated (see shared/adapters/cosmos/request-charge-estimate.ts). */
  ru: number;
  /** True when any call's figure was an estimate (the embedded server reports none). */
  estimated: boolean;
  bytesOut: number;
  bytesIn: number;
  /** Request units per container. */
  ruByContainer: Record<string, number>;
}

export interface RequestMeter {
  startedAt: number;
  db: DbUsage;
  graph: { calls: number; ms: number };
}

const storage = new AsyncLocalStorage<RequestMeter>();

export function newMeter(now = performance.now()): RequestMeter {
  return {
    startedAt: now,
    db: { calls: 0, ms: 0, wallMs: 0, inFlight: 0, busySince: 0, ru: 0, estimated: false, bytesOut: 0, bytesIn: 0, ruByContainer: {} },
    graph: { calls: 0, ms: 0 },
  };
}

/** Runs fn with a fresh meter as the current one. */
export function metered<T>(meter: RequestMeter, fn: () => Promise<T>): Promise<T> {
  return storage.run(meter, fn);
}

/** The meter of the request being served, if any (timers and queue triggers have none). */
export function currentMeter(): RequestMeter | undefined {
  return storage.getStore();
}

export interface DbCall {
  container?: string;
  ms: number;
  ru: number;
  estimated: boolean;
  bytesOut: number;
  bytesIn: number;
}

/** A call begins; the returned function ends it (the wall time with any call in flight is the union of their intervals). */
export function dbCallStarted(meter = currentMeter(), now = performance.now()): (end?: number) => void {
  if (!meter) return () => undefined;
  const db = meter.db;
  if (db.inFlight++ === 0) db.busySince = now;
  return (end = performance.now()) => {
    if (--db.inFlight === 0) db.wallMs += end - db.busySince;
  };
}

export function recordDbCall(call: DbCall, meter = currentMeter()): void {
  if (!meter) return;
  const db = meter.db;
  db.calls++;
  db.ms += call.ms;
  db.ru += call.ru;
  db.estimated ||= call.estimated;
  db.bytesOut += call.bytesOut;
  db.bytesIn += call.bytesIn;
  if (call.container) db.ruByContainer[call.container] = (db.ruByContainer[call.container] ?? 0) + call.ru;
}

export function recordGraphCall(ms: number, meter = currentMeter()): void {
  if (!meter) return;
  meter.graph.calls++;
  meter.graph.ms += ms;
}

const ms = (n: number) => (Math.round(n * 10) / 10).toString();

/**
 * The Server-Timing header (W3C Server Timing): `cosmos;dur=…;desc="N calls, ~X RU est; container X, …"`
 * (dur: wall time with a call in flight),
 * `graph;dur=…;desc="N calls"` when Graph was called, and `total;dur=…`. "~… est" marks an estimate,
 * "… RU" a charge Cosmos DB reported.
 */
export function serverTiming(meter: RequestMeter, now = performance.now()): string {
  const { db, graph } = meter;
  const ru = db.estimated ? `~${ms(db.ru)} RU est` : `${ms(db.ru)} RU`;
  const parts = Object.entries(db.ruByContainer)
    .sort((a, b) => b[1] - a[1])
    .map(([name, value]) => `${name} ${ms(value)}`);
  const desc = `${db.calls} call${db.calls === 1 ? "" : "s"}, ${ru}${parts.length ? `; ${parts.join(", ")}` : ""}`;
  const metrics = [`cosmos;dur=${ms(db.wallMs)};desc="${desc}"`];
  if (graph.calls) metrics.push(`graph;dur=${ms(graph.ms)};desc="${graph.calls} call${graph.calls === 1 ? "" : "s"}"`);
  metrics.push(`total;dur=${ms(now - meter.startedAt)}`);
  return metrics.join(", ");
}

/** Reads a Server-Timing header back (the bench and the tests): cosmos calls, RU, estimated, RU per container, durations. */
export function parseServerTiming(header: string | null | undefined) {
  if (!header) return undefined;
  const cosmos = /cosmos;dur=([\d.]+);desc="(\d+) calls?, (~?)([\d.]+) RU( est)?(?:; ([^"]*))?"/.exec(header);
  const total = /total;dur=([\d.]+)/.exec(header);
  const graph = /graph;dur=([\d.]+);desc="(\d+) calls?"/.exec(header);
  if (!cosmos || !total) return undefined;
  const ruByContainer: Record<string, number> = {};
  for (const part of cosmos[6]?.split(", ") ?? []) {
    const m = /^(\S+) ([\d.]+)$/.exec(part);
    if (m) ruByContainer[m[1]] = Number(m[2]);
  }
  return {
    dbMs: Number(cosmos[1]),
    calls: Number(cosmos[2]),
    ru: Number(cosmos[4]),
    estimated: cosmos[3] === "~",
    ruByContainer,
    graphMs: graph ? Number(graph[1]) : 0,
    graphCalls: graph ? Number(graph[2]) : 0,
    totalMs: Number(total[1]),
  };
}
