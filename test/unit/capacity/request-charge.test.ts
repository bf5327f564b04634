import { describe, expect, it } from "vitest";
import type { RequestContext } from "@azure/cosmos";
import { estimateRequestCharge, READ_RU_BY_KB, ruBySize, WRITE_RU_BY_KB } from "../../../shared/adapters/cosmos/request-charge-estimate.js";
import { containerOfPath, requestChargePlugin } from "../../../shared/adapters/cosmos/request-charge.js";
import { dbCallStarted, metered, newMeter, parseServerTiming, recordDbCall, serverTiming } from "../../../shared/kernel/request-meter.js";

const KB = 1024;

describe("the RU estimate (Microsoft's published cost model)", () => {
  it("reads and writes follow the size tables, interpolated between rows", () => {
    expect(ruBySize(READ_RU_BY_KB, 1 * KB)).toBe(1);
    expect(ruBySize(READ_RU_BY_KB, 300)).toBe(1); // below 1 KB: the 1 KB figure
    expect(ruBySize(READ_RU_BY_KB, 3 * KB)).toBeCloseTo(1.09, 10); // halfway from 2 KB (1.04) to 4 KB (1.14)
    expect(ruBySize(WRITE_RU_BY_KB, 1.5 * KB)).toBeCloseTo(5.62, 10); // halfway from 1 KB (4.95) to 2 KB (6.29)
    expect(ruBySize(READ_RU_BY_KB, 128 * KB)).toBe(9.95);
    expect(ruBySize(WRITE_RU_BY_KB, 4096 * KB)).toBeCloseTo(2500, 10); // beyond the table: proportional to its last row
  });

  it("point reads, writes, deletes, batches, queries, failures and metadata", () => {
    const call = { status: 200, requestBytes: 0, responseBytes: 0 };
    expect(estimateRequestCharge({ ...call, kind: "read", responseBytes: 2 * KB })).toBe(1.04);
    expect(estimateRequestCharge({ ...call, kind: "write", requestBytes: 16 * KB })).toBe(9.52);
    expect(estimateRequestCharge({ ...call, kind: "delete" })).toBe(4.95);
    expect(estimateRequestCharge({ ...call, kind: "batch", requestBytes: 3 * KB, operations: 3 })).toBeCloseTo(14.85, 10);
    expect(estimateRequestCharge({ ...call, kind: "query", documents: 0 })).toBe(2.3);
    // 4 documents of 2 KB: 2.3 + 4 x 0.5 x 1.04
    expect(estimateRequestCharge({ ...call, kind: "query", responseBytes: 8 * KB, documents: 4 })).toBeCloseTo(4.38, 10);
    expect(estimateRequestCharge({ ...call, kind: "read", status: 404 })).toBe(1);
    expect(estimateRequestCharge({ ...call, kind: "write", status: 412, requestBytes: 8 * KB })).toBe(1);
    expect(estimateRequestCharge({ ...call, kind: "write", status: 409 })).toBe(1);
    expect(estimateRequestCharge({ ...call, kind: "metadata" })).toBe(0);
  });
});

describe("counting the calls of a request", () => {
  const ctx = (over: Record<string, unknown>) =>
    ({
      path: "/dbs/bookme/colls/schedules/docs/employee:a:2026-12",
      resourceType: "docs",
      operationType: "read",
      ...over,
    }) as unknown as RequestContext;

  it("finds the container in the request path", () => {
    expect(containerOfPath("/dbs/bookme/colls/external-busy/docs/x")).toBe("external-busy");
    expect(containerOfPath("dbs/bookme/colls/meetings")).toBe("meetings");
    expect(containerOfPath("/dbs/bookme")).toBeUndefined();
  });

  it("estimates against the embedded server and uses the reported charge against Cosmos DB", async () => {
    const response = { headers: { "content-length": "2048", "x-ms-request-charge": "1" }, result: {}, code: 200 };
    const next = () => Promise.resolve(response);
    for (const [source, ru, estimated] of [
      ["estimated", 1.04, true],
      ["reported", 1, false],
    ] as const) {
      const meter = newMeter();
      const plugin = requestChargePlugin(source).plugin;
      await metered(meter, () => plugin(ctx({}), undefined as never, next));
      expect(meter.db).toMatchObject({ calls: 1, ru, estimated, bytesIn: 2048, ruByContainer: { schedules: ru } });
    }
  });

  it("counts a failed conditional write and rethrows it; a query page by its documents", async () => {
    const meter = newMeter();
    const plugin = requestChargePlugin("estimated").plugin;
    const failed = () => Promise.reject(Object.assign(new Error("precondition"), { code: 412, headers: {} }));
    await expect(metered(meter, () => plugin(ctx({ operationType: "replace", body: "{}" }), undefined as never, failed))).rejects.toThrow(
      "precondition",
    );
    const page = () =>
      Promise.resolve({ headers: { "content-length": String(8 * KB) }, result: { Documents: [{}, {}, {}, {}] }, code: 200 });
    await metered(meter, () => plugin(ctx({ operationType: "query", path: "/dbs/bookme/colls/directory/docs" }), undefined as never, page));
    expect(meter.db.calls).toBe(2);
    expect(meter.db.ruByContainer).toEqual({ schedules: 1, directory: expect.closeTo(4.38, 10) as number });
  });

  it("does nothing outside a metered request", async () => {
    const plugin = requestChargePlugin("estimated").plugin;
    const response = { headers: {}, result: {}, code: 200 };
    await expect(plugin(ctx({}), undefined as never, () => Promise.resolve(response))).resolves.toBe(response);
  });
});

describe("the Server-Timing header", () => {
  it("writes calls, time, RU (marked estimated) per container and the total, and reads them back", () => {
    const meter = newMeter(100);
    // Two overlapping calls, 100-110 and 105-112.34: 12.34 ms of wall time with a call in flight.
    const first = dbCallStarted(meter, 100);
    const second = dbCallStarted(meter, 105);
    first(110);
    second(112.34);
    recordDbCall({ container: "schedules", ms: 10, ru: 5, estimated: true, bytesOut: 0, bytesIn: 0 }, meter);
    recordDbCall({ container: "directory", ms: 7.34, ru: 2.25, estimated: true, bytesOut: 0, bytesIn: 0 }, meter);
    const header = serverTiming(meter, 150.06);
    expect(header).toBe('cosmos;dur=12.3;desc="2 calls, ~7.3 RU est; schedules 5, directory 2.3", total;dur=50.1');
    expect(parseServerTiming(header)).toEqual({
      dbMs: 12.3,
      calls: 2,
      ru: 7.3,
      estimated: true,
      ruByContainer: { schedules: 5, directory: 2.3 },
      graphMs: 0,
      graphCalls: 0,
      totalMs: 50.1,
    });
  });

  it("a request without database calls, and reported charges", () => {
    const meter = newMeter(0);
    expect(serverTiming(meter, 1)).toBe('cosmos;dur=0;desc="0 calls, 0 RU", total;dur=1');
    recordDbCall({ ms: 1, ru: 3.5, estimated: false, bytesOut: 0, bytesIn: 0 }, meter);
    expect(parseServerTiming(serverTiming(meter, 2))).toMatchObject({ calls: 1, ru: 3.5, estimated: false });
  });
});
