/**
 * Caps under concurrency on the real stack (issue 28): embedded Cosmos DB, two host processes.
 * 30 bookings of one capped advisor at 30 different times of a day, sent at once across both
 * hosts: exactly the cap wins, the rest are 409, and no hold of a loser is left in any calendar.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CosmosClient } from "@azure/cosmos";
import { ALL_DAYS, Api, createEmployee, hours, isoAt, meetingBody, nextWeekday } from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";

const N = 30;
const CAP = 3;
let stack: Stack;
let api: Api;
beforeAll(async () => {
  stack = await startStack({ hosts: 2 });
  api = new Api(stack);
});
afterAll(async () => stack?.stop());

describe("a daily cap holds across hosts", () => {
  it(`${N} concurrent bookings at ${N} different times against a cap of ${CAP} a day: ${CAP} × 201, ${N - CAP} × 409`, async () => {
    const day = nextWeekday(4);
    const employee = await createEmployee(api, {
      workingHours: hours(ALL_DAYS, "08:00", "18:00"),
      meetingTypes: ["Online"],
      caps: { day: { meetings: CAP } },
    });
    const bases = api.bases();
    const headers = await stack.headers();
    const times = Array.from({ length: N }, (_, i) => {
      const minutes = 8 * 60 + i * 20;
      const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
      return [hhmm(minutes), hhmm(minutes + 15)];
    });
    const results = await Promise.all(
      times.map(async ([from, to], i) => {
        const res = await fetch(`${bases[i % bases.length]}/meetings`, {
          method: "POST",
          headers,
          body: JSON.stringify(meetingBody(employee.id, isoAt(day, from), isoAt(day, to), { customerId: `customer-${i}` })),
        });
        return { status: res.status, body: (await res.json()) as { id?: string; code?: string } };
      }),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(CAP);
    expect(results.filter((r) => r.status === 409)).toHaveLength(N - CAP);
    const winners = new Set(results.filter((r) => r.status === 201).map((r) => `meeting:${r.body.id}`));

    // The calendars hold exactly the winners: the month's calendar and the day's counter.
    const client = new CosmosClient({
      endpoint: stack.cosmosEndpoint,
      key: stack.cosmosKey,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    try {
      const { resources } = await client
        .database("bookme")
        .container("schedules")
        .items.query<{ id: string; entries: { ref: string }[] }>({
          query: "SELECT * FROM c WHERE c.resource = @r",
          parameters: [{ name: "@r", value: `employee:${employee.id}` }],
        })
        .fetchAll();
      const counter = resources.find((d) => d.id === `employee:${employee.id}:cap-day-${day.toISODate()}`);
      expect(new Set(counter?.entries.map((e) => e.ref))).toEqual(winners);
      const calendars = resources.filter((d) => !d.id.includes(":cap-"));
      expect(new Set(calendars.flatMap((d) => d.entries.map((e) => e.ref)))).toEqual(winners);
    } finally {
      client.dispose();
    }
  });
});
