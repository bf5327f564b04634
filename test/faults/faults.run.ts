/** `npm run test:faults`: a database outage and a host crash under load. */
import { expect, it } from "vitest";
import { runCosmosOutage, runHostKill } from "./scenario.js";

it("a database outage under load: 503 problem+json with Retry-After, bounded; afterwards nothing lost, consistent, and one sweep leaves no intent or orphan", async () => {
  const outcome = await runCosmosOutage({ concurrency: 24, before: 600, after: 900, outageMs: 5000 });
  expect(outcome.failures).toEqual([]);
  expect(outcome.affected.filter((r) => r.status === 503).length).toBeGreaterThan(0);
});

it("a host killed mid-request under load: afterwards consistent, and one sweep leaves no half-made booking", async () => {
  const outcome = await runHostKill({ concurrency: 24, before: 600, after: 900 });
  expect(outcome.failures).toEqual([]);
});
