/**
 * Counts every network call the Cosmos client makes (point reads, each query page, writes,
 * retries) into the current request's meter (shared/kernel/request-meter.ts): time, bytes, and
 * request units, the charge Cosmos DB reports or, against the embedded server that reports
 * none, the estimate of request-charge-estimate.ts. A client plugin on "request" (one per HTTP
 * call, below the SDK's retries); outside a metered request it does nothing.
 */
import type { Next, PluginConfig, RequestContext } from "@azure/cosmos";
import { currentMeter, dbCallStarted, recordDbCall } from "../../kernel/request-meter.js";
import { callKind, estimateRequestCharge } from "./request-charge-estimate.js";

export type ChargeSource = "reported" | "estimated";

/** The container name in a request path such as "dbs/bookme/colls/schedules/docs/abc". */
export function containerOfPath(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const m = /(?:^|\/)colls\/([^/]+)/.exec(path);
  return m ? decodeURIComponent(m[1]) : undefined;
}

const byteLength = (body: unknown): number =>
  typeof body === "string" ? Buffer.byteLength(body) : Buffer.isBuffer(body) ? body.length : 0;

function headerNumber(headers: Record<string, unknown> | undefined, name: string): number | undefined {
  const v = headers?.[name];
  const n = typeof v === "string" || typeof v === "number" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

interface Outcome {
  status: number;
  headers?: Record<string, unknown>;
  result?: unknown;
}

function record(ctx: RequestContext, outcome: Outcome, ms: number, source: ChargeSource) {
  const responseBytes = headerNumber(outcome.headers, "content-length") ?? 0;
  const requestBytes = byteLength(ctx.body);
  const docs = (outcome.result as { Documents?: unknown[] } | null | undefined)?.Documents;
  const kind = Array.isArray(docs) ? "query" : callKind(ctx.resourceType, ctx.operationType);
  const reported = headerNumber(outcome.headers, "x-ms-request-charge");
  const ru =
    source === "reported" && reported !== undefined
      ? reported
      : estimateRequestCharge({
          kind,
          status: outcome.status,
          requestBytes,
          responseBytes,
          documents: docs?.length,
          operations: Array.isArray(ctx.body) ? ctx.body.length : undefined,
        });
  recordDbCall({
    container: containerOfPath(ctx.path),
    ms,
    ru,
    estimated: source === "estimated" || reported === undefined,
    bytesOut: requestBytes,
    bytesIn: responseBytes,
  });
}

/** The plugin; `source` "estimated" for the embedded server, "reported" for Cosmos DB and its emulator. */
export function requestChargePlugin(source: ChargeSource): PluginConfig {
  return {
    on: "request",
    plugin: async (ctx: RequestContext, _diagnostics: unknown, next: Next<unknown>) => {
      const meter = currentMeter();
      if (!meter) return next(ctx);
      const started = performance.now();
      const ended = dbCallStarted(meter, started);
      try {
        const response = await next(ctx);
        record(
          ctx,
          { status: response.code ?? 200, headers: response.headers, result: response.result },
          performance.now() - started,
          source,
        );
        return response;
      } catch (err) {
        const e = err as { code?: unknown; headers?: Record<string, unknown> };
        if (typeof e.code === "number") record(ctx, { status: e.code, headers: e.headers }, performance.now() - started, source);
        throw err;
      } finally {
        ended();
      }
    },
  };
}
