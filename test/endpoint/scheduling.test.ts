/** Scheduling the way a bank staffs it, over HTTP (issue 28): holidays, closures, caps, own advisors; explain names each reason. */
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_DAYS, Api, createEmployee, fieldsOf, hours, isoAt, nextWeekday, qs } from "../support/fixtures.js";
import { startInProcess, type InProcessStack } from "../support/in-process.js";

let stack: InProcessStack;
let api: Api;
beforeAll(async () => {
  stack = await startInProcess();
  api = new Api(stack);
});
afterAll(async () => stack?.stop());

const CPH = "Europe/Copenhagen";
/** Next year's 23 December (always ahead, whatever day the suite runs). */
const dec23 = () => DateTime.fromObject({ year: DateTime.now().year + 1, month: 12, day: 23 }, { zone: CPH });

async function pool(n: number, over: Record<string, unknown> = {}) {
  const group = randomUUID();
  const people = await Promise.all(
    Array.from({ length: n }, () =>
      createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "16:00"), serviceGroups: [group], meetingTypes: ["Online"], ...over }),
    ),
  );
  const id = randomUUID();
  const type = await api.put(`/config/meeting-types/${id}`, {
    name: "Advice",
    durations: { defaultMinutes: 60 },
    pool: { serviceGroup: group },
  });
  expect(type.status, type.text).toBe(201);
  return { people, typeId: id };
}

const explain = (typeId: string, from: DateTime, days: number, extra: Record<string, string> = {}) =>
  api.get(
    `/time-slots/available${qs({ meetingTypeId: typeId, startDate: isoAt(from, "00:00"), lookForwardTime: `${days}.00:00:00`, requireEmployeeParticipation: false, explain: true, ...extra })}`,
  );

describe("holidays and closures", () => {
  it("the holiday calendar: GET shows the closed dates of a year; PUT changes it; an unreadable rule is a 400 naming it", async () => {
    const bad = await api.put(`/config/holidays`, { country: "DK", bankClosingDays: [{ rule: "every other day", name: "x" }] });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(["bankClosingDays.0.rule"]);
    const put = await api.put(`/config/holidays`, {}); // the default: Denmark and the Danish banks' closing days
    expect(put.status, put.text).toBe(200); // the kit had stored a calendar without holidays
    const got = await api.get(`/config/holidays${qs({ year: 2027 })}`);
    expect(got.status).toBe(200);
    const dates = (got.body.closedDates as { date: string; name: string }[]).map((d) => `${d.date} ${d.name}`);
    expect(dates).toEqual(
      expect.arrayContaining(["2027-05-07 Fredag efter Kristi Himmelfartsdag", "2027-12-24 Juleaftensdag", "2027-12-31 Nytårsaftensdag"]),
    );
  });

  it("a branch closure: the admin API, and availability over Christmas names every closed day", async () => {
    await api.put(`/config/holidays`, {});
    const branch = `Branch ${randomUUID().slice(0, 8)}`;
    const { people, typeId } = await pool(1, { locations: [branch] });
    const start = dec23();
    const closureId = randomUUID();
    const closure = await api.put(`/config/closures/${closureId}`, {
      location: branch,
      date: start.plus({ days: 4 }).toISODate(),
      reason: "Refurbishment",
    });
    expect(closure.status, closure.text).toBe(201);
    expect(closure.body).toMatchObject({
      id: closureId,
      location: branch,
      from: start.plus({ days: 4 }).toISODate(),
      reason: "Refurbishment",
    });
    expect((await api.get(`/config/closures/${closureId}`)).body.reason).toBe("Refurbishment");
    expect((await api.get(`/config/closures`)).body.map((c: { id: string }) => c.id)).toContain(closureId);
    const bad = await api.put(`/config/closures/${randomUUID()}`, { from: "2030-01-02", to: "2030-01-01", reason: "x" });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(["to"]);

    const res = await explain(typeId, start, 6);
    expect(res.status, res.text).toBe(200);
    const days = new Set(res.body.slots.map((s: { startDate: string }) => DateTime.fromISO(s.startDate, { zone: CPH }).toISODate()));
    expect([...days].sort()).toEqual([start.toISODate(), start.plus({ days: 5 }).toISODate()]);
    const reasons = res.body.explanations.map(
      (d: { date: string; reasons: { code: string; detail: string }[] }) => `${d.date} ${d.reasons[0].code}: ${d.reasons[0].detail}`,
    );
    const y = start.year;
    expect(reasons).toEqual([
      `${y}-12-24 holiday: bank closing day: Juleaftensdag`,
      `${y}-12-25 holiday: public holiday: Juledag`,
      `${y}-12-26 holiday: public holiday: Anden Juledag`,
      `${y}-12-27 branch_closed: branch closed: Refurbishment (${branch})`,
    ]);
    expect(res.body.explanations.every((d: { employeeId: string }) => d.employeeId === people[0].id)).toBe(true);

    const onHoliday = await api.post(`/meetings`, {
      bookedBy: "Customer",
      salesforceId: "sf",
      customerId: "c1",
      employeeId: people[0].id,
      startDate: isoAt(start.plus({ days: 1 }), "10:00"),
      endDate: isoAt(start.plus({ days: 1 }), "11:00"),
    });
    expect(onHoliday.status).toBe(422);
    expect(onHoliday.body.detail).toContain("Juleaftensdag");
    expect((await api.delete(`/config/closures/${closureId}`)).status).toBe(204);
    expect((await api.get(`/config/closures/${closureId}`)).status).toBe(404);
  });
});

describe("caps and own advisors", () => {
  it("a daily cap of 2: the third booking of the day is a 409, and explain says daily_cap", async () => {
    const { people, typeId } = await pool(1, { caps: { day: { meetings: 2 } } });
    const day = nextWeekday(3);
    const book = (hhmm: string) =>
      api.post(`/meetings`, {
        bookedBy: "Customer",
        salesforceId: "sf",
        customerId: "c1",
        meetingTypeId: typeId,
        startDate: isoAt(day, hhmm),
        endDate: isoAt(day, `${String(Number(hhmm.slice(0, 2)) + 1).padStart(2, "0")}:00`),
      });
    expect((await book("09:00")).status).toBe(201);
    expect((await book("11:00")).status).toBe(201);
    const third = await book("13:00");
    expect(third.status).toBe(409);
    const res = await explain(typeId, day, 1);
    expect(res.body.slots).toEqual([]);
    expect(res.body.explanations).toEqual([
      {
        employeeId: people[0].id,
        date: day.toISODate(),
        reasons: [
          {
            code: "daily_cap",
            detail: `daily cap reached (2 meetings) for ${day.toISODate()}`,
            resource: `employee:${people[0].id}`,
            period: { start: isoAt(day, "00:00"), end: isoAt(day.plus({ days: 1 }), "00:00") },
          },
        ],
      },
    ]);
    expect((await api.get(`/config/employees/${people[0].id}`)).body.caps).toEqual({ day: { meetings: 2 } });
  });

  it("customer relationships: PUT/GET/DELETE; unknown advisors are 400s; availability with customerId leaves excluded advisors out", async () => {
    const { people, typeId } = await pool(2);
    const customer = `cust-${randomUUID().slice(0, 8)}`;
    const unknown = await api.put(`/config/customers/${customer}`, { advisorId: randomUUID() });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(["advisorId"]);
    const put = await api.put(`/config/customers/${customer}`, { advisorId: people[1].id, excludedAdvisorIds: [people[0].id] });
    expect(put.status, put.text).toBe(201);
    expect((await api.get(`/config/customers/${customer}`)).body).toEqual({
      customerId: customer,
      advisorId: people[1].id,
      excludedAdvisorIds: [people[0].id],
    });
    const day = nextWeekday(2);
    const offered = async (customerId?: string) =>
      new Set(
        (
          await api.get(
            `/time-slots/available${qs({ meetingTypeId: typeId, startDate: isoAt(day, "00:00"), lookForwardTime: "1.00:00:00", requireEmployeeParticipation: false, customerId })}`,
          )
        ).body.map((s: { employeeId: string }) => s.employeeId),
      );
    expect(await offered(customer)).toEqual(new Set([people[1].id]));
    expect(await offered()).toEqual(new Set(people.map((p) => p.id)));
    expect((await api.delete(`/config/customers/${customer}`)).status).toBe(204);
    expect((await api.get(`/config/customers/${customer}`)).status).toBe(404);
  });
});
