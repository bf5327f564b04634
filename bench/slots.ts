/**
 * Slot-engine benchmark: `npm run bench:slots` (optional argument: run only scenarios whose
 * name contains it). Fixed dates (4 weeks from Monday 2026-03-02, across the spring-forward
 * Sunday) and seeded pseudo-random data: Mon-Fri hours (09-17 or 08-12 + 12:30-16), zones
 * mostly Europe/Copenhagen plus Europe/London and Asia/Kolkata, 1-4 meeting types each,
 * 15-minute buffers, busy intervals of 30-120 min. The clock is read only to time runs.
 * Prints one row per scenario: the median of several runs after warm-up of the engine (slotTable:
 * what GET /time-slots/available serialises from, no object per slot) and, for comparison, of
 * generateSlots (the same slots as Slot objects with their ids).
 */
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { generateSlots, MEETING_TYPES, slotTable, WEEKDAYS } from "../shared/slots/index.js";
import type { DailyRange, Interval, MeetingType, SlotEmployee, SlotInput, SlotRoom } from "../shared/slots/index.js";
import { mulberry32 } from "./lib/random.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Monday 2026-03-02 00:00 Copenhagen; 28 days reach past the spring-forward Sunday (2026-03-29). */
const WINDOW_START = Date.UTC(2026, 2, 1, 23);
const NOW = WINDOW_START - HOUR;

const ZONES = ["Europe/Copenhagen", "Europe/Copenhagen", "Europe/Copenhagen", "Europe/London", "Asia/Kolkata"];

function makeEmployees(count: number, days: number, busyPerWeek: number, rnd: () => number) {
  const employees: SlotEmployee[] = [];
  const busy = new Map<string, Interval[]>();
  for (let i = 0; i < count; i++) {
    const id = `emp-${String(i).padStart(4, "0")}`;
    const split = rnd() < 0.5;
    const workingHours: DailyRange[] = WEEKDAYS.slice(0, 5).flatMap((day) =>
      split
        ? [
            { day, start: "08:00", end: "12:00" },
            { day, start: "12:30", end: "16:00" },
          ]
        : [{ day, start: "09:00", end: "17:00" }],
    );
    const meetingTypes: MeetingType[] = MEETING_TYPES.filter(() => rnd() < 0.6);
    if (meetingTypes.length === 0) meetingTypes.push("Online");
    employees.push({
      id,
      timeZone: ZONES[i % ZONES.length],
      workingHours,
      meetingTypes,
      locations: ["Aarhus"],
      serviceGroups: ["Pension"],
      topicIds: [],
      customerTypeIds: [],
      bufferBeforeMinutes: 15,
      bufferAfterMinutes: 15,
    });
    const list: Interval[] = [];
    for (let w = 0; w < Math.ceil(days / 7); w++) {
      for (let k = 0; k < busyPerWeek; k++) {
        const start = WINDOW_START + (w * 7 + Math.floor(rnd() * 5)) * DAY + 7 * HOUR + (Math.floor(rnd() * 16) * HOUR) / 2;
        list.push({ start, end: start + ((1 + Math.floor(rnd() * 4)) * HOUR) / 2 });
      }
    }
    busy.set(id, list);
  }
  return { employees, busy };
}

interface Scenario {
  name: string;
  employees: number;
  days: number;
  busyPerWeek: number;
  requireRoom?: boolean;
  joint?: boolean;
  meetingTypes?: MeetingType[];
}

function makeInput(s: Scenario): SlotInput {
  const { employees: count, days, busyPerWeek } = s;
  const rnd = mulberry32(count * 1000 + days);
  const { employees, busy } = makeEmployees(count, days, busyPerWeek, rnd);
  const rooms: SlotRoom[] = Array.from({ length: 8 }, (_, i) => ({
    id: `room-${i}`,
    location: "Aarhus",
    capacity: 2 + (i % 4),
    openingHours: WEEKDAYS.slice(0, 5).map((day) => ({ day, start: "07:00", end: "18:00" })),
  }));
  const roomBusy = new Map<string, Interval[]>(rooms.map((r) => [r.id, busy.get(employees[0].id) ?? []]));
  return {
    employees,
    rooms,
    employeeBusy: busy,
    roomBusy,
    now: NOW,
    request: {
      explicitEmployeeIds: s.joint ? employees.map((e) => e.id) : [],
      startMs: WINDOW_START,
      endMs: WINDOW_START + days * DAY,
      employeeTypes: ["Global"],
      meetingTypes: s.meetingTypes ?? [],
      customerLocation: "Aarhus",
      requireRoom: s.requireRoom ?? false,
      requireEmployeeParticipation: s.joint ?? false,
      meetingDurationMinutes: 60,
    },
  };
}

const SCENARIOS: Scenario[] = [
  { name: "1 employee x 7 days", employees: 1, days: 7, busyPerWeek: 10 },
  { name: "50 x 14", employees: 50, days: 14, busyPerWeek: 10 },
  { name: "500 x 28", employees: 500, days: 28, busyPerWeek: 10 },
  { name: "500 x 28, meetingTypes [Online]", employees: 500, days: 28, busyPerWeek: 10, meetingTypes: ["Online"] },
  { name: "500 x 28, requireRoom (8 rooms)", employees: 500, days: 28, busyPerWeek: 10, requireRoom: true },
  { name: "3 together x 28, requireEmployeeParticipation", employees: 3, days: 28, busyPerWeek: 10, joint: true },
];

const RUNS = 15;
const WARMUP = 3;

function median(
  input: SlotInput,
  engine: (input: SlotInput) => { length?: number; count?: number },
): { slots: number; medianMs: number; minMs: number } {
  const times: number[] = [];
  let slots = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t0 = performance.now();
    const out = engine(input);
    const elapsed = performance.now() - t0;
    if (i >= WARMUP) times.push(elapsed);
    slots = out.count ?? out.length ?? 0;
  }
  times.sort((a, b) => a - b);
  return { slots, medianMs: times[Math.floor(times.length / 2)], minMs: times[0] };
}

function measure(s: Scenario): { slots: number; medianMs: number; minMs: number; objectsMs: number } {
  const input = makeInput(s);
  const table = median(input, slotTable);
  const objects = median(input, generateSlots);
  if (objects.slots !== table.slots) throw new Error(`${s.name}: slotTable has ${table.slots} slots, generateSlots ${objects.slots}`);
  return { ...table, objectsMs: objects.medianMs };
}

/** Optional argument: run only scenarios whose name contains it. */
const only = process.argv[2];
const rows = SCENARIOS.filter((s) => only === undefined || s.name.includes(only)).map((s) => {
  const { slots, medianMs, minMs, objectsMs } = measure(s);
  return {
    scenario: s.name,
    employees: s.employees,
    days: s.days,
    "busy/employee/week": s.busyPerWeek,
    "slots produced": slots,
    "median ms": Number(medianMs.toFixed(2)),
    // The fastest run: what the code costs when the machine's other load leaves it alone.
    "min ms": Number(minMs.toFixed(2)),
    "slots/s": Math.round(slots / (medianMs / 1000)),
    "as Slot objects ms": Number(objectsMs.toFixed(2)),
  };
});
console.log(
  `slot engine, Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} (busy machines inflate GC-heavy rows), median of ${RUNS} runs after ${WARMUP} warm-up runs`,
);
console.table(rows);
