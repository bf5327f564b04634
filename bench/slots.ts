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
  /** A branch's pool: the first `employees - specialists` are the primary advisors (Explicit); with `participants`, one of the last `specialists` joins each slot. */
  specialists?: number;
  participants?: boolean;
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
      explicitEmployeeIds: s.joint
        ? employees.map((e) => e.id)
        : s.specialists
          ? employees.slice(0, count - s.specialists).map((e) => e.id)
          : [],
      startMs: WINDOW_START,
      endMs: WINDOW_START + days * DAY,
      employeeTypes: s.specialists ? ["Explicit"] : ["Global"],
      ...(s.participants ? { participantPools: [{ employeeIds: employees.slice(count - s.specialists!).map((e) => e.id) }] } : {}),
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
  // Issue 28: a branch of 40 advisors and 10 specialists, rooms, 14 days: the single pool, then the joint meeting (advisor + specialist).
  { name: "branch 40 x 14, requireRoom, single pool", employees: 50, specialists: 10, days: 14, busyPerWeek: 10, requireRoom: true },
  {
    name: "branch 40 + 10 specialists x 14, requireRoom, joint",
    employees: 50,
    specialists: 10,
    participants: true,
    days: 14,
    busyPerWeek: 10,
    requireRoom: true,
  },
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
/**
 * Issue 28's target: the joint query at most 2x the single-pool query of the same branch. Timed paired
 * (the two alternate, 200 runs each after warm-up) so that the machine's other load hits both alike.
 */
function pairedRatio(): string | undefined {
  const single = SCENARIOS.find((s) => s.name.endsWith("single pool"));
  const joint = SCENARIOS.find((s) => s.name.endsWith("joint"));
  if (!single || !joint || (only !== undefined && !single.name.includes(only) && !joint.name.includes(only))) return undefined;
  const inputs = [makeInput(single), makeInput(joint)];
  const times: number[][] = [[], []];
  for (let i = 0; i < 20 + 200; i++)
    inputs.forEach((input, k) => {
      const t0 = performance.now();
      slotTable(input);
      if (i >= 20) times[k].push(performance.now() - t0);
    });
  const at = (k: number, q: number) => [...times[k]].sort((a, b) => a - b)[Math.floor(times[k].length * q)];
  const row = (q: number, label: string) =>
    `${label} ${at(0, q).toFixed(2)} ms single, ${at(1, q).toFixed(2)} ms joint: ${(at(1, q) / at(0, q)).toFixed(2)}x`;
  return `joint / single pool (${single.name} vs ${joint.name}), paired, 200 runs each: ${row(0, "min")}; ${row(0.1, "p10")}; ${row(0.5, "median")} (target <= 2x)`;
}
const ratio = pairedRatio();
if (ratio) console.log(ratio);
