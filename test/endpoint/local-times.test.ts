/** timeZone=<IANA> adds local-time fields beside the UTC ones, on the daylight-saving days too (issue 16). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_DAYS, Api, bookMeeting, createEmployee, hours, isoAt, nextDstSunday, qs } from "../support/fixtures.js";
import { startInProcess, type InProcessStack } from "../support/in-process.js";

let stack: InProcessStack;
let api: Api;
beforeAll(async () => {
  stack = await startInProcess();
  api = new Api(stack);
});
afterAll(async () => stack?.stop());

describe("local times", () => {
  for (const month of [3, 10] as const) {
    it(`slots and meetings on the ${month === 3 ? "spring-forward" : "fall-back"} Sunday carry startLocal with the right offset for the asked zone`, async () => {
      const sunday = nextDstSunday(month);
      const e = await createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "12:00") });
      const res = await api.get(
        `/time-slots/available${qs({ explicitEmployeeIds: [e.id], requireEmployeeParticipation: true, startDate: isoAt(sunday, "00:00"), lookForwardTime: "1.00:00:00", timeZone: "America/New_York" })}`,
      );
      expect(res.status, res.text).toBe(200);
      const first = res.body[0];
      expect(first.startDate).toBe(isoAt(sunday, "09:00"));
      expect(first.startDate.endsWith("Z")).toBe(true);
      // Copenhagen's 09:00 is 03:00 in New York either side of both changes (they move on other dates: 5 or 6 hours apart)
      const offset = first.startLocal.slice(-6);
      expect(["-04:00", "-05:00"]).toContain(offset);
      expect(Date.parse(first.startLocal)).toBe(Date.parse(first.startDate));
      expect(first.timeZone).toBe("America/New_York");
      const m = await bookMeeting(api, e.id, isoAt(sunday, "10:00"), isoAt(sunday, "11:00"));
      const list = await api.get(`/meetings${qs({ employeeId: e.id, timeZone: "Europe/Copenhagen" })}`);
      const listed = list.body.find((x: { id: string }) => x.id === m.id);
      expect(listed.startLocal).toBe(`${sunday.toISODate()}T10:00:00${month === 3 ? "+02:00" : "+01:00"}`);
      expect((await api.get(`/meetings${qs({ employeeId: e.id, timeZone: "Mars/Olympus" })}`)).status).toBe(400);
    });
  }
});
