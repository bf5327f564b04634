/** An Idempotency-Key record keeps no trace of the CPR: its fingerprint is taken over the body less the CPR. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { IdempotencyRecord } from "../../../shared/booking/model/ports.js";
import { withIdempotency } from "../../../shared/api/edge/idempotency.js";
import type { RequestContext } from "../../../shared/api/edge/endpoint.js";
import { MemoryIdempotency } from "../../support/memory/stores.js";

const ctx = (key: string) =>
  ({ version: "v2", headers: new Headers({ "idempotency-key": key }), now: Date.now() }) as unknown as RequestContext;
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

describe("idempotency fingerprint", () => {
  it("does not cover the CPR: the record cannot be matched against guessed CPRs", async () => {
    const repo = new MemoryIdempotency();
    const claimed: IdempotencyRecord[] = [];
    const claim = repo.claim.bind(repo);
    repo.claim = async (r) => (claimed.push(r), claim(r));
    const body = { employeeId: "e1", customerId: "c1", cpr: "0101901234" };
    await withIdempotency(repo, ctx("k1"), "book", body, async () => ({ status: 201, body: { id: "m1" } }));
    expect(claimed[0].fingerprint).toBe(sha(JSON.stringify({ employeeId: "e1", customerId: "c1" })));
    expect(claimed[0].fingerprint).not.toBe(sha(JSON.stringify(body)));
    // the same key with another body is still refused; with another CPR only, it replays
    await expect(
      withIdempotency(repo, ctx("k1"), "book", { ...body, customerId: "c2" }, async () => ({ status: 201 })),
    ).rejects.toMatchObject({ code: "idempotency_key_reused" });
    const replay = await withIdempotency(repo, ctx("k1"), "book", { ...body, cpr: "1112131234" }, async () => ({ status: 500 }));
    expect(replay.status).toBe(201);
  });
});
