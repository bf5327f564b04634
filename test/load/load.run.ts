/** `npm run test:load`: 3000 requests from 32 clients over two hosts, then the consistency check. */
import { expect, it } from "vitest";
import { loadFailures, runLoad } from "./scenario.js";

it("3000 mixed requests from 32 clients over two hosts leave no double booking, no 5xx and, after a sweep, no reservation", async () => {
  const outcome = await runLoad({
    requests: Number(process.env.LOAD_REQUESTS ?? 3000),
    concurrency: Number(process.env.LOAD_CONCURRENCY ?? 32),
  });
  expect(loadFailures(outcome)).toEqual([]);
  expect(outcome.afterRun.booked).toBeGreaterThan(0);
});
