/**
 * Telemetry (shared/app/telemetry.ts): nothing starts without APPLICATIONINSIGHTS_CONNECTION_STRING;
 * with one (a dummy, offline) the Azure Monitor distro configures without throwing, spans record,
 * and the Azure SDKs' tracing client (@azure/core-tracing, as Cosmos uses it) emits real spans.
 * Both cases in one file, in order: OpenTelemetry's providers are process-wide.
 */
import { describe, expect, it, vi } from "vitest";
import { metrics, trace } from "@opentelemetry/api";
import { createTracingClient } from "@azure/core-tracing";
import { meterAttributes } from "../../../shared/api/edge/request-telemetry.js";
import { newMeter, recordDbCall } from "../../../shared/kernel/request-meter.js";

const sdkSpanRecords = () =>
  createTracingClient({ namespace: "Microsoft.DocumentDB", packageName: "@azure/cosmos" }).startSpan("test").span.isRecording();

describe("telemetry start", () => {
  it("with the connection string unset starts nothing: no tracer, no meter provider, no SDK instrumenter", async () => {
    vi.resetModules();
    const { startTelemetry } = await import("../../../shared/app/telemetry.js");
    const telemetry = await startTelemetry({ APPLICATIONINSIGHTS_CONNECTION_STRING: "" });
    expect(telemetry.started).toBe(false);
    expect(trace.getTracer("t").startSpan("s").isRecording()).toBe(false);
    expect(metrics.getMeterProvider().constructor.name).toBe("NoopMeterProvider");
    expect(sdkSpanRecords()).toBe(false);
  });

  it("with a (dummy) connection string configures Azure Monitor without throwing; app and Azure SDK spans record", async () => {
    vi.resetModules();
    // The distro's default sampler is rate-limited (the first span may be dropped): sample all here.
    vi.stubEnv("OTEL_TRACES_SAMPLER", "always_on");
    const { startTelemetry } = await import("../../../shared/app/telemetry.js");
    const telemetry = await startTelemetry({
      APPLICATIONINSIGHTS_CONNECTION_STRING:
        "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
    });
    try {
      expect(telemetry.started).toBe(true);
      expect(trace.getTracer("t").startSpan("s").isRecording()).toBe(true);
      expect(sdkSpanRecords()).toBe(true);
      // started once per process
      expect(await startTelemetry({})).toBe(telemetry);
    } finally {
      await telemetry.shutdown().catch(() => undefined);
      vi.unstubAllEnvs();
    }
  });

  it("a request's meter becomes span attributes: counts, RU per container, no personal data", () => {
    const meter = newMeter(0);
    recordDbCall({ container: "schedules", ms: 3, ru: 1.5, estimated: true, bytesOut: 10, bytesIn: 900 }, meter);
    recordDbCall({ container: "directory", ms: 2, ru: 2.25, estimated: true, bytesOut: 0, bytesIn: 1200 }, meter);
    expect(meterAttributes(meter)).toEqual({
      "bookme.cosmos.calls": 2,
      "bookme.cosmos.ru": 3.75,
      "bookme.cosmos.ru_estimated": true,
      "bookme.cosmos.duration_ms": 0,
      "bookme.cosmos.bytes_in": 2100,
      "bookme.cosmos.bytes_out": 10,
      "bookme.graph.calls": 0,
      "bookme.graph.duration_ms": 0,
      "bookme.cosmos.ru.schedules": 1.5,
      "bookme.cosmos.ru.directory": 2.25,
    });
  });
});
