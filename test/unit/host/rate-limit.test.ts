/** The local host's per-address token bucket on the public channel. */
import { describe, expect, it } from "vitest";
import { parseRateLimit, TokenBuckets } from "../../../dev/host/rate-limit.js";

describe("TokenBuckets", () => {
  it("lets a burst through, then answers the seconds until a token is back; refills at the set rate", () => {
    let now = 0;
    const buckets = new TokenBuckets({ burst: 3, perSecond: 0.5 }, () => now);
    expect([buckets.take("a"), buckets.take("a"), buckets.take("a")]).toEqual([0, 0, 0]);
    expect(buckets.take("a")).toBe(2);
    now = 1_000;
    expect(buckets.take("a")).toBe(1);
    now = 2_000;
    expect(buckets.take("a")).toBe(0);
    expect(buckets.take("a")).toBe(2);
  });

  it("keeps one bucket per address", () => {
    const buckets = new TokenBuckets({ burst: 1, perSecond: 1 }, () => 0);
    expect(buckets.take("10.0.0.1")).toBe(0);
    expect(buckets.take("10.0.0.1")).toBeGreaterThan(0);
    expect(buckets.take("10.0.0.2")).toBe(0);
  });

  it("parses burst/perSecond and refuses anything else", () => {
    expect(parseRateLimit("60/1")).toEqual({ burst: 60, perSecond: 1 });
    expect(parseRateLimit(" 3 / 0.2 ")).toEqual({ burst: 3, perSecond: 0.2 });
    expect([parseRateLimit(undefined), parseRateLimit("0/1"), parseRateLimit("ten/1"), parseRateLimit("5")]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
