/**
 * Joint meetings on the real stack (issue 28): embedded Cosmos DB, two host processes. A meeting type
 * whose primary advisor needs one pension specialist: V2 availability offers the time with both; 30
 * bookings of that one joint time, sent at once across both hosts: exactly one 201 (advisor and
 * specialist on the meeting), 29 × 409 with alternatives; no participant is double booked, no hold of
 * a loser is left in any calendar and no intent is left (dev/consistency.ts). The meetergo facade
 * lists and books such a type unchanged.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CosmosClient } from "@azure/cosmos";
import { ALL_DAYS, Api, createEmployee, hours, isoAt, nextWeekday, qs } from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";
import { checkConsistency, violations } from "../../dev/consistency.js";

const N = 30;
let stack: Stack;
let api: Api;
beforeAll(async () => {
  stack = await startStack({ hosts: 2 });
  api = new Api(stack);
});
afterAll(async () => stack?.stop());

async function jointWorld() {
  const tag = randomUUID().slice(0, 8);
  const workingHours = hours(ALL_DAYS, "09:00", "10:00"); // one hour a day: one joint slot at 09:00
  const advisor = await createEmployee(api, { workingHours, meetingTypes: ["Online"], serviceGroups: [`advice-${tag}`] });
  const specialist = await createEmployee(api, {
    workingHours,
    meetingTypes: ["Online"],
    skills: [{ name: `pension-${tag}`, level: 3 }],
  });
  // a specialist whose skill is too low never joins
  await createEmployee(api, { workingHours, meetingTypes: ["Online"], skills: [{ name: `pension-${tag}`, level: 1 }] });
  const typeId = randomUUID();
  const put = await api.put(`/config/meeting-types/${typeId}`, {
    name: "Pension advice with a specialist",
    durations: { defaultMinutes: 60 },
    meetingTypes: ["Online"],
    pool: { serviceGroup: `advice-${tag}` },
    participants: [{ label: "pension specialist", skill: `pension-${tag}`, minLevel: 2 }],
  });
  expect(put.status, put.text).toBe(201);
  return { advisor, specialist, typeId };
}

describe("a joint meeting from pools", () => {
  it(`V2 availability offers advisor + specialist; ${N} concurrent bookings of that time over 2 hosts: 1 × 201, ${N - 1} × 409`, async () => {
    const { advisor, specialist, typeId } = await jointWorld();
    const day = nextWeekday(3);
    const start = isoAt(day, "09:00");
    const end = isoAt(day, "10:00");
    const listed = await api.get(
      `/time-slots/available${qs({ meetingTypeId: typeId, startDate: isoAt(day, "00:00"), lookForwardTime: "1.00:00:00", requireEmployeeParticipation: false })}`,
    );
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body).toEqual([
      expect.objectContaining({ startDate: start, endDate: end, employeeId: advisor.id, additionalEmployees: [specialist.id] }),
    ]);

    const bases = api.bases();
    const headers = await stack.headers();
    const results = await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const res = await fetch(`${bases[i % bases.length]}/meetings`, {
          method: "POST",
          headers,
          body: JSON.stringify({
            bookedBy: "Employee",
            salesforceId: "sf-test",
            meetingTypeId: typeId,
            customerId: `customer-${i}`,
            startDate: start,
            endDate: end,
          }),
        });
        return { status: res.status, body: (await res.json()) as { id?: string; code?: string; alternatives?: unknown[] } };
      }),
    );
    expect(
      results.filter((r) => r.status === 201),
      JSON.stringify(results.slice(0, 2)),
    ).toHaveLength(1);
    const losers = results.filter((r) => r.status !== 201);
    expect(losers.map((r) => r.status)).toEqual(Array(N - 1).fill(409));
    expect(losers.every((r) => r.body.code === "slot_taken" && Array.isArray(r.body.alternatives))).toBe(true);

    const winner = results.find((r) => r.status === 201)!.body.id!;
    const meeting = await api.get(`/meetings/${winner}`);
    expect(meeting.body).toMatchObject({ employeeId: advisor.id, additionalEmployees: [specialist.id], startDate: start, endDate: end });

    // No participant double booked, every calendar entry a live meeting's, no intent left behind.
    const report = await checkConsistency({ endpoint: stack.cosmosEndpoint, key: stack.cosmosKey });
    expect(violations(report)).toEqual([]);
    const client = new CosmosClient({
      endpoint: stack.cosmosEndpoint,
      key: stack.cosmosKey,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    try {
      const db = client.database("bookme");
      for (const id of [advisor.id, specialist.id]) {
        const { resources } = await db
          .container("schedules")
          .items.query<{ entries: { ref: string }[] }>({
            query: "SELECT * FROM c WHERE c.resource = @r",
            parameters: [{ name: "@r", value: `employee:${id}` }],
          })
          .fetchAll();
        expect(resources.flatMap((d) => d.entries.map((e) => e.ref))).toEqual([`meeting:${winner}`]);
      }
      const { resources: intents } = await db.container("intents").items.readAll().fetchAll();
      expect(intents).toEqual([]);
    } finally {
      client.dispose();
    }

    // The time is gone for everyone; the next day's joint time is still offered.
    const again = await api.get(
      `/time-slots/available${qs({ meetingTypeId: typeId, startDate: isoAt(day, "00:00"), lookForwardTime: "2.00:00:00", requireEmployeeParticipation: false })}`,
    );
    expect(again.body.map((s: { startDate: string }) => s.startDate)).toEqual([isoAt(day.plus({ days: 1 }), "09:00")]);
  });

  it("the meetergo facade lists and books a joint type unchanged; the booked meeting names both", async () => {
    const { advisor, specialist, typeId } = await jointWorld();
    const key = await api.post("/config/api-keys", { name: "joint", scopes: ["bookings:read", "bookings:write"] });
    expect(key.status, key.text).toBe(201);
    const root = stack.hosts[0].url;
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${root}/api${path}`, {
        method,
        headers: { "content-type": "application/json", authorization: `Bearer ${key.body.key}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> & { timeframes?: { start: string }[] } };
    };
    const day = nextWeekday(5);
    const windows = await call(
      "GET",
      `/booking-availability/v2${qs({ meetingTypeId: typeId, start: isoAt(day, "00:00"), end: isoAt(day, "23:00") })}`,
    );
    expect(windows.status).toBe(200);
    expect(windows.body.timeframes).toEqual([{ start: isoAt(day, "09:00"), end: isoAt(day, "10:00") }]);
    const booked = await call("POST", "/v4/booking", {
      meetingTypeId: typeId,
      queueId: typeId,
      start: isoAt(day, "09:00"),
      attendee: { email: "client@example.com", firstname: "Jane", lastname: "Smith", receiveReminders: false, notes: {} },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const meeting = await api.get(`/meetings/${String(booked.body.appointmentId)}`);
    expect(meeting.body).toMatchObject({ employeeId: advisor.id, additionalEmployees: [specialist.id] });
  });
});
