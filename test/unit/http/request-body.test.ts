/** The app reads JSON bodies with their size counted as they stream in, and stops at the limit. */
import azureFunctions from "@azure/functions";
import { describe, expect, it } from "vitest";
import { readTextWithin } from "../../../shared/api/edge/request-body.js";

const { HttpRequest } = azureFunctions;
const URL_ = "http://localhost/api/v2/bookme/meetings";

/** A request whose body is an endless stream of 64 KiB chunks, counting the chunks pulled. */
function endless(headers: Record<string, string> = {}) {
  const pulled = { chunks: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled.chunks++;
      controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
    },
    cancel() {
      pulled.cancelled = true;
    },
  });
  const nativeRequest = new Request(URL_, { method: "POST", body, headers, duplex: "half" });
  return { request: new HttpRequest({ method: "POST", url: URL_, nativeRequest } as never), pulled };
}

describe("readTextWithin", () => {
  it("stops an endless body at the chunk that crosses the limit and cancels the stream", async () => {
    const { request, pulled } = endless();
    expect(await readTextWithin(request, 1024 * 1024)).toEqual({ ok: false });
    expect(pulled.cancelled).toBe(true);
    expect(pulled.chunks).toBeLessThanOrEqual(20); // 17 chunks cross 1 MiB; the stream may pull a few ahead
  });

  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const { request, pulled } = endless({ "content-length": "2000000" });
    expect(await readTextWithin(request, 1024 * 1024)).toEqual({ ok: false });
    expect(request.bodyUsed).toBe(false);
    expect(pulled.chunks).toBeLessThanOrEqual(1); // the stream's own first fill of its queue
  });

  it("returns a body within the limit whole, and an empty one as empty text", async () => {
    const text = JSON.stringify({ description: "æøå".repeat(1000) });
    expect(await readTextWithin(new HttpRequest({ method: "POST", url: URL_, body: { string: text } }), 1024 * 1024)).toEqual({
      ok: true,
      text,
    });
    expect(await readTextWithin(new HttpRequest({ method: "POST", url: URL_ }), 10)).toEqual({ ok: true, text: "" });
  });
});
