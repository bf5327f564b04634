/** Listings may reuse Outlook busy-time documents for a few seconds; the booking check never does. */
import { describe, expect, it } from "vitest";
import { listingSource } from "../../../shared/booking/queries/external-busy.js";
import { type ExternalBusyMonth, type ExternalBusySource } from "../../../shared/booking/model/ports.js";

function countingSource() {
  const docs = new Map<string, ExternalBusyMonth>([["employee:e1:2030-01", { items: [], syncedAt: 0 }]]);
  const reads: string[] = [];
  const source: ExternalBusySource = {
    policy: { staleAfterMs: 1, syncedMonths: 1, failClosed: true, tentativeBlocks: true },
    async months(ids) {
      reads.push(...ids);
      return new Map(ids.map((id) => [id, docs.get(id)]));
    },
  };
  return { source, reads, docs };
}

describe("listingSource", () => {
  it("reads each month document once per ttl, including missing ones, and again after it", async () => {
    const { source, reads, docs } = countingSource();
    let now = 1_000;
    const listing = listingSource(source, 5_000, () => now);
    const ids = ["employee:e1:2030-01", "employee:e2:2030-01"];
    expect((await listing.months(ids)).get("employee:e1:2030-01")).toEqual({ items: [], syncedAt: 0 });
    await listing.months(ids);
    expect(reads).toEqual(ids);
    docs.set("employee:e1:2030-01", { items: [{ start: 1, end: 2, status: "busy" }], syncedAt: 4_000 });
    now += 4_999;
    expect((await listing.months(ids)).get("employee:e1:2030-01")?.items).toEqual([]);
    now += 1;
    expect((await listing.months(ids)).get("employee:e1:2030-01")?.items).toHaveLength(1);
    expect(reads).toHaveLength(4);
  });

  it("a ttl of 0 is the source itself", () => {
    const { source } = countingSource();
    expect(listingSource(source, 0)).toBe(source);
  });
});
