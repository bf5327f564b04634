/** Short fault runs inside `npm test` (the longer ones are `npm run test:faults`). */
import { expect, it } from "vitest";
import { runCosmosOutage, runHostKill } from "../faults/scenario.js";

it("a database outage under load answers 503 problem+json with Retry-After, loses nothing, and one sweep leaves no intent or orphan", async () => {
  const outcome = await runCosmosOutage({ concurrency: 12, before: 120, after: 150, outageMs: 3000, seed: 5 });
  expect(outcome.failures).toEqual([]);
  expect(outcome.affected.filter((r) => r.status === 503).length).toBeGreaterThan(0);
}, 240_000);

it("a host killed mid-request under load leaves, after one sweep, no half-made booking", async () => {
  const outcome = await runHostKill({ concurrency: 12, before: 120, after: 150, seed: 6 });
  expect(outcome.failures).toEqual([]);
}, 240_000);
