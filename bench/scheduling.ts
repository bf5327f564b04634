/**
 * Joint meetings against the single pool (issue 28): `npm run build && node dist/bench/scheduling.js`. One
 * stack, one branch: 40 advisors, 10 pension specialists (skill, level 2-3), 6 rooms, a few meetings
 * each; two meeting types over the branch's advisors: the single pool, and the same pool plus one
 * specialist (`participants`). Availability of each over 14 days with a room, one request at a time,
 * the two alternating so the machine's other load hits both alike; prints median and min latency of
 * each and the joint/single ratio (issue 28's target: at most 2x).
 *
 *   node dist/bench/scheduling.js [--runs 40]
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { startStack, stackRepositories } from "../dev/stack.js";
import { fixed, formatTable } from "./lib/table.js";
import { mulberry32 } from "./lib/random.js";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "40" } } });
const RUNS = Number(args.runs);
const BRANCH = "Bench branch";
const DAY = 86_400_000;
const weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;

async function get(url: string, headers: Record<string, string>) {
  const t = performance.now();
  const res = await fetch(url, { headers: { ...headers, "accept-encoding": "identity" } });
  const body = (await res.json()) as { additionalEmployees?: string[] }[];
  const slots = Array.isArray(body) ? body : [];
  return {
    ms: performance.now() - t,
    status: res.status,
    slots: slots.length,
    joint: slots.filter((x) => x.additionalEmployees?.length).length,
  };
}

async function main() {
  const stack = await startStack();
  try {
    const repos = await stackRepositories(stack);
    await repos.directory.put("holidayCalendar", { id: "default", country: "DK", publicHolidays: false, bankClosingDays: [] });
    const advisors: string[] = [];
    for (let n = 0; n < 50; n++) {
      const id = randomUUID();
      const specialist = n >= 40;
      await repos.directory.put("employee", {
        id,
        name: `Bench ${n}`,
        email: `bench.${n}@bank.example`,
        timeZone: "Europe/Copenhagen",
        workingHours: weekdays.map((day) => ({ day, start: "09:00", end: "16:00" })),
        overrides: [],
        meetingTypes: ["Physical", "Online", "Telephone"],
        locations: [BRANCH],
        serviceGroups: specialist ? ["Bench specialists"] : ["Bench advisors"],
        topicIds: [],
        customerTypeIds: [],
        absences: [],
        bufferAfterMinutes: 15,
        ...(specialist ? { skills: [{ name: "pension", level: 2 + (n % 2) }] } : {}),
      });
      advisors.push(id);
    }
    for (let r = 0; r < 6; r++)
      await repos.directory.put("room", {
        id: randomUUID(),
        name: `Room ${r}`,
        capacity: 2 + 2 * (r % 3),
        location: BRANCH,
        features: [],
        timeZone: "Europe/Copenhagen",
        openingHours: weekdays.map((day) => ({ day, start: "08:00", end: "18:00" })),
      });
    const pool = { employeeIds: [], serviceGroup: "Bench advisors", location: BRANCH };
    const typeBody = (name: string, participants: unknown[]) => ({
      name,
      durations: { defaultMinutes: 60 },
      pool,
      participants,
    });
    const single = randomUUID();
    const joint = randomUUID();
    repos.dispose();
    const headers = await stack.headers();
    const put = async (id: string, body: unknown) => {
      const res = await fetch(`${stack.base}/config/meeting-types/${id}`, { method: "PUT", headers, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`PUT meeting type: ${res.status} ${await res.text()}`);
    };
    await put(single, typeBody("Bench single pool", []));
    await put(joint, typeBody("Bench joint", [{ label: "pension specialist", skill: "pension", minLevel: 2, location: BRANCH }]));

    // A few meetings per person (about 3 a week), so the calendars are not empty.
    const monday = Math.floor(Date.now() / DAY) * DAY + 7 * DAY;
    const from = monday - ((new Date(monday).getUTCDay() + 6) % 7) * DAY;
    const rnd = mulberry32(28);
    let booked = 0;
    for (const id of advisors)
      for (let k = 0; k < 6; k++) {
        const day = from + Math.floor(rnd() * 14) * DAY;
        if ([0, 6].includes(new Date(day).getUTCDay())) continue;
        const start = day + 8 * 3_600_000 + Math.floor(rnd() * 10) * 1_800_000; // 09:00-13:30 Copenhagen (winter)
        const res = await fetch(`${stack.base}/meetings`, {
          method: "POST",
          headers,
          body: JSON.stringify({
            bookedBy: "Employee",
            salesforceId: "bench",
            employeeId: id,
            customerId: `bench-${booked}`,
            startDate: new Date(start).toISOString(),
            endDate: new Date(start + 3_600_000).toISOString(),
            type: "Online",
          }),
        });
        if (res.status === 201) booked++;
      }

    const query = (typeId: string) =>
      `${stack.base}/time-slots/available?meetingTypeId=${typeId}&requireEmployeeParticipation=false&requireRoom=true&meetingLocation=${encodeURIComponent(BRANCH)}&customerLocation=${encodeURIComponent(BRANCH)}&startDate=${new Date(from).toISOString()}&lookForwardTime=14.00:00:00`;
    const rows = [
      { name: "single pool: branch (40 advisors) x 14 days, room", url: query(single), ms: [] as number[], status: 0, slots: 0, joint: 0 },
      {
        name: "joint: + 1 of 10 specialists (skill) x 14 days, room",
        url: query(joint),
        ms: [] as number[],
        status: 0,
        slots: 0,
        joint: 0,
      },
    ];
    for (let i = 0; i < 5 + RUNS; i++)
      for (const row of rows) {
        const r = await get(row.url, headers);
        if (i >= 5) row.ms.push(r.ms);
        row.status = r.status;
        row.slots = r.slots;
        row.joint = r.joint;
      }
    const stat = (ms: number[], q: number) => [...ms].sort((a, b) => a - b)[Math.floor(ms.length * q)];
    console.log(
      `availability of a meeting type over one branch, ${booked} meetings booked first, ${RUNS} requests each, alternating, one at a time`,
    );
    console.log(
      formatTable(
        ["query", "status", "slots", "with a specialist", "median ms", "min ms"],
        rows.map((r) => [r.name, r.status, r.slots, r.joint, fixed(stat(r.ms, 0.5), 1), fixed(stat(r.ms, 0), 1)]),
        [false, true, true, true, true, true],
      ),
    );
    const [s, j] = rows;
    console.log(
      `joint / single pool: ${fixed(stat(j.ms, 0.5) / stat(s.ms, 0.5), 2)}x median, ${fixed(stat(j.ms, 0) / stat(s.ms, 0), 2)}x min (target <= 2x)`,
    );
  } finally {
    await stack.stop();
  }
}

await main();
