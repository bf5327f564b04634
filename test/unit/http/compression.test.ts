/** Accept-Encoding negotiation and the compressed JSON body. */
import { promisify } from "node:util";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { chooseContentCoding, compressedJson, COMPRESS_MIN_BYTES } from "../../../shared/api/edge/compression.js";

describe("chooseContentCoding", () => {
  it.each([
    [null, "identity"],
    ["", "identity"],
    ["gzip", "gzip"],
    ["br", "br"],
    ["gzip, deflate, br", "br"],
    ["gzip, deflate, br, zstd", "br"],
    ["br;q=0.5, gzip", "gzip"],
    ["br;q=0.9, gzip;q=0.8", "br"],
    ["gzip;q=0", "identity"],
    ["GZIP", "gzip"],
    ["x-gzip", "gzip"],
    ["deflate", "identity"],
    ["*", "br"],
    ["*;q=0.5, gzip;q=0.6", "gzip"],
    ["br;q=0, *", "gzip"],
    ["gzip;q=0.5, identity", "identity"],
    ["identity;q=0, gzip;q=0.1", "gzip"],
    ["identity", "identity"],
    ["gzip; q=0.7 , br ; q=0.6", "gzip"],
    ["br;q=garbage, gzip;q=0.5", "br"],
  ] as const)("%s -> %s", (header, expected) => {
    expect(chooseContentCoding(header)).toBe(expected);
  });
});

describe("compressedJson", () => {
  const big = JSON.stringify(
    Array.from({ length: 200 }, (_, i) => ({ id: `slot-${i}`, startDate: "2026-03-02T08:00:00.000Z", employeeId: "emp-1" })),
  );

  it("gzip and br bodies decode to the text, with Content-Encoding and Vary", async () => {
    for (const [coding, decode] of [
      ["gzip", promisify(zlib.gunzip)],
      ["br", promisify(zlib.brotliDecompress)],
    ] as const) {
      const headers: Record<string, string> = {};
      const body = compressedJson(big, coding, headers);
      expect(Buffer.isBuffer(body)).toBe(true);
      expect(headers).toEqual({ "content-encoding": coding, vary: "Accept-Encoding" });
      expect((await decode(body as Buffer)).toString("utf8")).toBe(big);
      expect((body as Buffer).length).toBeLessThan(big.length / 4);
    }
  });

  it("bodies under the threshold and identity requests stay text; Vary is always set", async () => {
    const small = "x".repeat(COMPRESS_MIN_BYTES - 1);
    const h1: Record<string, string> = {};
    expect(compressedJson(small, "gzip, br", h1)).toBe(small);
    expect(h1).toEqual({ vary: "Accept-Encoding" });
    const h2: Record<string, string> = { vary: "Origin" };
    expect(compressedJson(big, "identity", h2)).toBe(big);
    expect(h2).toEqual({ vary: "Origin, Accept-Encoding" });
  });
});
