/** A short load run inside `npm test` (the full one is `npm run test:load`). */
import { expect, it } from "vitest";
import { loadFailures, runLoad } from "../load/scenario.js";

it("a few hundred mixed requests from 16 clients over two hosts leave no double booking, no 5xx and, after a sweep, no reservation", async () => {
  const outcome = await runLoad({ requests: 400, concurrency: 16, seed: 11 });
  expect(loadFailures(outcome)).toEqual([]);
  expect(outcome.afterRun.booked).toBeGreaterThan(0);
}, 150_000);
