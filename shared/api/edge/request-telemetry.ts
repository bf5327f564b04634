/**
 * Each API request as an OpenTelemetry span, child of the Functions host's trace (the invocation's
 * traceparent), so the Cosmos and Graph spans of the request hang below it; the request's meter
 * (shared/kernel/request-meter.ts) becomes the span's attributes and two custom metrics. Only the
 * OpenTelemetry API here: without a registered SDK (shared/app/telemetry.ts, off locally) every
 * call is a no-op.
 */
import { context as otelContext, metrics, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { RequestMeter } from "../../kernel/request-meter.js";

const tracer = trace.getTracer("bookme");
const meterProvider = metrics.getMeter("bookme");
const ruHistogram = meterProvider.createHistogram("bookme.request.ru", {
  description: "Cosmos DB request units per API request (reported, or estimated against the embedded server)",
  unit: "{RU}",
});
const callsHistogram = meterProvider.createHistogram("bookme.request.cosmos_calls", {
  description: "Cosmos DB calls per API request (point reads, query pages, writes, retries)",
  unit: "{call}",
});

/** The span's attributes from the request's meter (no personal data: counts, times, container names). */
export function meterAttributes(meter: RequestMeter): Record<string, number | boolean> {
  const attributes: Record<string, number | boolean> = {
    "bookme.cosmos.calls": meter.db.calls,
    "bookme.cosmos.ru": Math.round(meter.db.ru * 100) / 100,
    "bookme.cosmos.ru_estimated": meter.db.estimated,
    "bookme.cosmos.duration_ms": Math.round(meter.db.wallMs * 10) / 10,
    "bookme.cosmos.bytes_in": meter.db.bytesIn,
    "bookme.cosmos.bytes_out": meter.db.bytesOut,
    "bookme.graph.calls": meter.graph.calls,
    "bookme.graph.duration_ms": Math.round(meter.graph.ms * 10) / 10,
  };
  for (const [container, ru] of Object.entries(meter.db.ruByContainer))
    attributes[`bookme.cosmos.ru.${container}`] = Math.round(ru * 100) / 100;
  return attributes;
}

export interface TraceContextLike {
  traceParent?: string | null;
  traceState?: string | null;
}

/** Runs the request inside its span; `status` of the result becomes the span's HTTP status. */
export function traced<T extends { status?: number }>(
  name: string,
  parent: TraceContextLike | undefined,
  meter: RequestMeter,
  run: () => Promise<T>,
): Promise<T> {
  const carrier: Record<string, string> = {};
  if (parent?.traceParent) carrier.traceparent = parent.traceParent;
  if (parent?.traceState) carrier.tracestate = parent.traceState;
  const parentContext = carrier.traceparent ? propagation.extract(ROOT_CONTEXT, carrier) : otelContext.active();
  return tracer.startActiveSpan(name, { kind: SpanKind.INTERNAL }, parentContext, async (span) => {
    try {
      const result = await run();
      const status = result.status ?? 200;
      if (span.isRecording()) {
        span.setAttributes({ ...meterAttributes(meter), "http.response.status_code": status });
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      }
      const dimensions = { "bookme.function": name, "http.response.status_code": status, "bookme.cosmos.ru_estimated": meter.db.estimated };
      ruHistogram.record(meter.db.ru, dimensions);
      callsHistogram.record(meter.db.calls, dimensions);
      return result;
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw err;
    } finally {
      span.end();
    }
  });
}
