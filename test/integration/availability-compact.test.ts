/**
 * Issue 19 on the real stack: GET /time-slots/available with groupBy=start and fields=, the
 * default list unchanged, and response compression (br/gzip by Accept-Encoding, q-values,
 * threshold, Vary) through the local host, checked on the raw bytes of the wire.
 */
import http from "node:http";
import { randomUUID } from "node:crypto";
import zlib from "node:zlib";
import type { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_DAYS, Api, bookMeeting, createEmployee, createRoom, hours, isoAt, nextWeekday, qs } from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";

let stack: Stack;
let api: Api;
let day: DateTime;
let advisors: string[];
let location: string;
beforeAll(async () => {
  stack = await startStack();
  api = new Api(stack);
  day = nextWeekday(2);
  location = `Filial-${randomUUID().slice(0, 6)}`;
  await createRoom(api, { location, capacity: 4, openingHours: hours(ALL_DAYS, "08:00", "18:00") });
  advisors = [];
  for (const meetingTypes of [["Physical", "Online"], ["Online"], ["Physical", "Online", "Telephone"]]) {
    advisors.push((await createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "13:00"), meetingTypes, locations: [location] })).id);
  }
  await bookMeeting(api, advisors[0], isoAt(day, "10:00"), isoAt(day, "11:00"));
});
afterAll(async () => stack?.stop());

const params = (extra: Record<string, string | string[] | boolean> = {}) => ({
  explicitEmployeeIds: advisors,
  startDate: isoAt(day, "00:00"),
  lookForwardTime: "1.00:00:00",
  employeeTypes: "Explicit",
  requireEmployeeParticipation: false,
  ...extra,
});

/** A raw GET through node:http (fetch would decode the body): status, headers and the bytes on the wire. */
async function rawGet(
  path: string,
  acceptEncoding?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }> {
  const auth = await stack.headers();
  const url = new URL(`${stack.base}${path}`);
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      { headers: { ...auth, ...(acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding }) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
  });
}

describe("response compression", () => {
  const path = () => `/time-slots/available${qs(params({ lookForwardTime: "3.00:00:00" }))}`;

  it("br or gzip by Accept-Encoding and q-values, identity otherwise; the same JSON either way", async () => {
    const plain = await rawGet(path());
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.bytes.length).toBeGreaterThan(4096);
    expect(Number(plain.headers["content-length"])).toBe(plain.bytes.length);
    const text = plain.bytes.toString("utf8");
    JSON.parse(text);

    const decoders = { br: zlib.brotliDecompressSync, gzip: zlib.gunzipSync } as const;
    for (const [accept, expected] of [
      ["gzip, deflate, br", "br"],
      ["gzip", "gzip"],
      ["br;q=0.4, gzip;q=0.8", "gzip"],
      ["gzip;q=0, br;q=0", undefined],
      ["deflate", undefined],
      ["identity", undefined],
      ["*", "br"],
    ] as const) {
      const res = await rawGet(path(), accept);
      expect(res.status, accept).toBe(200);
      expect(res.headers["content-encoding"], accept).toBe(expected);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect(Number(res.headers["content-length"])).toBe(res.bytes.length);
      const decoded = expected === undefined ? res.bytes : decoders[expected](res.bytes);
      expect(decoded.toString("utf8"), accept).toBe(text);
      if (expected) expect(res.bytes.length).toBeLessThan(plain.bytes.length / 5);
    }
  });

  it("bodies under 1 KB and problem+json errors stay uncompressed but say Vary", async () => {
    const small = await rawGet(
      `/time-slots/available${qs(params({ explicitEmployeeIds: advisors[0], fields: "startDate,meetingType", lookForwardTime: "01:00:00", startDate: isoAt(day, "09:00") }))}`,
      "gzip, br",
    );
    expect(small.status).toBe(200);
    expect(small.bytes.length).toBeLessThan(1024);
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(small.bytes.toString("utf8"))).toEqual(
      ["Physical", "Online"].map((meetingType) => ({ startDate: isoAt(day, "09:00"), meetingType })),
    );

    const bad = await rawGet(`/time-slots/available?fields=nope`, "gzip, br");
    expect(bad.status).toBe(400);
    expect(bad.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(bad.bytes.toString("utf8")).code).toBe("validation_failed");
  });
});
