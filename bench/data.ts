/**
 * A generated bank directory for benchmarks and load runs: advisors spread over branches,
 * with varied working hours, a few absences, rooms per branch, topics and customer types;
 * plus the free 30-minute slots of a window and a plan of existing meetings on them.
 * Seeded pseudo-random: the same options give the same data (ids included) on every run.
 * The default is the benchmark's 200 advisors across 5 branches.
 */
import type { CustomerType, Employee, Room, Topic } from "../shared/directory/directory.js";
import { employeeWorkingIntervals, roomOpenIntervals } from "../shared/slots/index.js";
import { toSlotEmployee, toSlotRoom } from "../shared/booking/queries/slot-mapping.js";
import type { DirectoryRepository } from "../shared/booking/model/ports.js";
import { mulberry32 } from "./lib/random.js";
import { FIRST_NAMES, stableId } from "../dev/seed/demo-directory.js";

export const SLOT_MS = 30 * 60_000;
const DAY = 86_400_000;

export const BRANCHES = ["København", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Vejle", "Roskilde", "Herning"];

export interface DirectoryOptions {
  advisors: number;
  branches: number;
  roomsPerBranch: number;
  seed: number;
  /** Tag folded into every id, so two directories never share ids. */
  tag: string;
}

export const BENCH_DIRECTORY: DirectoryOptions = { advisors: 200, branches: 5, roomsPerBranch: 6, seed: 20260301, tag: "bench" };

export interface BenchDirectory {
  options: DirectoryOptions;
  branches: string[];
  employees: Employee[];
  rooms: Room[];
  topics: Topic[];
  customerTypes: CustomerType[];
  /** Advisor ids per branch. */
  byBranch: Map<string, string[]>;
  /** The branch of each advisor. */
  branchOf: Map<string, string>;
}

const LAST = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen"];
const WEEK = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;

type Hours = Employee["workingHours"];
const HOUR_PATTERNS: Hours[] = [
  WEEK.map((day) => ({ day, start: "09:00", end: "16:00" })),
  WEEK.flatMap((day) => [
    { day, start: "08:00", end: "12:00" },
    { day, start: "12:30", end: "16:00" },
  ]),
  [...WEEK.slice(0, 4).map((day) => ({ day, start: "10:00", end: "18:00" })), { day: "friday" as const, start: "09:00", end: "14:00" }],
  (["monday", "tuesday", "thursday"] as const).map((day) => ({ day, start: "08:30", end: "15:30" })),
];

export function buildDirectory(options: DirectoryOptions = BENCH_DIRECTORY, now = Date.now()): BenchDirectory {
  const rnd = mulberry32(options.seed);
  const id = (name: string) => stableId(options.tag, name);
  const branches = BRANCHES.slice(0, options.branches);
  const customerTypes: CustomerType[] = [
    { id: id("ct:private"), name: "Private", description: "Personal customers" },
    { id: id("ct:business"), name: "Business", description: "Small and medium businesses" },
  ];
  const topics: Topic[] = [
    { id: id("topic:pension"), name: "Pension", customerTypeIds: [customerTypes[0].id], isCustomerVisible: true, durationMinutes: 60 },
    { id: id("topic:mortgage"), name: "Home loan", customerTypeIds: [customerTypes[0].id], isCustomerVisible: true, durationMinutes: 60 },
    { id: id("topic:investment"), name: "Investment", customerTypeIds: [], isCustomerVisible: true, durationMinutes: 30 },
    { id: id("topic:savings"), name: "Savings", customerTypeIds: [customerTypes[0].id], isCustomerVisible: true, durationMinutes: 30 },
    {
      id: id("topic:business-credit"),
      name: "Business credit",
      customerTypeIds: [customerTypes[1].id],
      isCustomerVisible: true,
      durationMinutes: 90,
    },
    { id: id("topic:internal-review"), name: "Internal case review", customerTypeIds: [], isCustomerVisible: false },
  ];
  const byBranch = new Map<string, string[]>(branches.map((b) => [b, []]));
  const branchOf = new Map<string, string>();
  const firstMonday = startOfUtcDay(now) + DAY;
  const employees: Employee[] = [];
  for (let i = 0; i < options.advisors; i++) {
    const branch = branches[i % branches.length];
    const business = i % 5 === 3;
    const first = FIRST_NAMES[i % FIRST_NAMES.length];
    const last = LAST[Math.floor(i / FIRST_NAMES.length) % LAST.length];
    const absences: Employee["absences"] = [];
    if (rnd() < 0.1) {
      const day = firstMonday + Math.floor(rnd() * 14) * DAY;
      absences.push({ start: new Date(day).toISOString(), end: new Date(day + DAY).toISOString(), reason: "vacation" });
    }
    const e: Employee = {
      id: id(`employee:${i}`),
      name: `${first} ${last}`,
      email: `${first.toLowerCase()}.${i}@bank.example`,
      timeZone: "Europe/Copenhagen",
      workingHours: HOUR_PATTERNS[Math.floor(rnd() * HOUR_PATTERNS.length)],
      overrides: [],
      meetingTypes: i % 10 === 9 ? ["Online", "Telephone"] : ["Physical", "Online", "Telephone"],
      locations: [branch],
      serviceGroups: business ? ["business"] : i % 2 === 0 ? ["pension"] : ["housing"],
      topicIds: business
        ? [topics[4].id, topics[2].id, topics[5].id]
        : [topics[0].id, topics[1].id, topics[2].id, topics[3].id, topics[5].id],
      customerTypeIds: business ? [customerTypes[1].id] : [customerTypes[0].id],
      absences,
    };
    employees.push(e);
    byBranch.get(branch)!.push(e.id);
    branchOf.set(e.id, branch);
  }
  const rooms: Room[] = branches.flatMap((branch, b) =>
    Array.from({ length: options.roomsPerBranch }, (_, r) => ({
      id: id(`room:${b}:${r}`),
      name: `${branch} meeting room ${r + 1}`,
      capacity: 2 + 2 * (r % 4),
      location: branch,
      features: r % 2 ? ["screen", "video"] : ["screen"],
      timeZone: "Europe/Copenhagen",
      openingHours: WEEK.map((day) => ({ day, start: "08:00", end: "18:00" })),
    })),
  );
  return { options, branches, employees, rooms, topics, customerTypes, byBranch, branchOf };
}

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** Writes the directory through the repository layer (as dev/seed does), a few at a time. */
export async function loadDirectory(directory: DirectoryRepository, dir: BenchDirectory): Promise<void> {
  for (const c of dir.customerTypes) await directory.put("customerType", c);
  for (const t of dir.topics) await directory.put("topic", t);
  await inBatches(dir.rooms, 20, (r) => directory.put("room", r));
  await inBatches(dir.employees, 20, (e) => directory.put("employee", e));
  // The plans (meetings, free slots) follow working hours alone: a calendar without holidays, so no run lands on one (issue 28).
  await directory.put("holidayCalendar", { id: "default", country: "DK", publicHolidays: false, bankClosingDays: [] });
}

export async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

export interface SlotRef {
  employeeId: string;
  start: number;
  end: number;
}

/** Every 30-minute slot on the :00/:30 grid inside an advisor's working time in [from, to). */
export function workingSlots(employee: Employee, from: number, to: number): SlotRef[] {
  const out: SlotRef[] = [];
  for (const w of employeeWorkingIntervals(toSlotEmployee(employee), from, to)) {
    for (let s = Math.ceil(w.start / SLOT_MS) * SLOT_MS; s + SLOT_MS <= w.end; s += SLOT_MS)
      out.push({ employeeId: employee.id, start: s, end: s + SLOT_MS });
  }
  return out;
}

export interface PlannedMeeting {
  employeeId: string;
  roomId?: string;
  start: number;
  end: number;
}

export interface Plan {
  meetings: PlannedMeeting[];
  /** Free 30-minute slots per advisor (after the planned meetings), in time order. */
  free: Map<string, SlotRef[]>;
  /** Busy 30-minute room slots ("roomId|start"). */
  roomBusy: Set<string>;
}

/**
 * Existing meetings on random working slots: `perAdvisor` each (30 or 60 minutes), about
 * `roomShare` of them in a free room of the advisor's branch. Returns them and what stays free.
 */
export function planMeetings(
  dir: BenchDirectory,
  from: number,
  to: number,
  perAdvisor: number,
  roomShare = 0.5,
  seed = dir.options.seed + 1,
): Plan {
  const rnd = mulberry32(seed);
  const meetings: PlannedMeeting[] = [];
  const free = new Map<string, SlotRef[]>();
  const roomBusy = new Set<string>();
  const roomsOf = new Map<string, Room[]>(dir.branches.map((b) => [b, dir.rooms.filter((r) => r.location === b)]));
  for (const e of dir.employees) {
    const slots = workingSlots(e, from, to);
    const taken = new Set<number>();
    for (let k = 0; k < perAdvisor && slots.length > 0; k++) {
      const i = Math.floor(rnd() * slots.length);
      const slot = slots[i];
      if (taken.has(slot.start)) continue;
      const long = rnd() < 0.5 && slots[i + 1]?.start === slot.end && !taken.has(slot.end);
      const end = long ? slot.end + SLOT_MS : slot.end;
      let roomId: string | undefined;
      if (e.meetingTypes.includes("Physical") && rnd() < roomShare) {
        const candidates = roomsOf.get(dir.branchOf.get(e.id)!) ?? [];
        const room = candidates.find(
          (r) => !roomBusy.has(`${r.id}|${slot.start}`) && !(long && roomBusy.has(`${r.id}|${slot.end}`)) && roomOpenAt(r, slot.start, end),
        );
        if (room) {
          roomId = room.id;
          roomBusy.add(`${room.id}|${slot.start}`);
          if (long) roomBusy.add(`${room.id}|${slot.end}`);
        }
      }
      taken.add(slot.start);
      if (long) taken.add(slot.end);
      meetings.push({ employeeId: e.id, roomId, start: slot.start, end });
    }
    free.set(
      e.id,
      slots.filter((s) => !taken.has(s.start)),
    );
  }
  return { meetings, free, roomBusy };
}

function roomOpenAt(room: Room, start: number, end: number): boolean {
  return roomOpenIntervals(toSlotRoom(room), start - DAY, end + DAY).some((w) => w.start <= start && w.end >= end);
}

/** All free slots of a plan, shuffled (so concurrent requests spread over advisors). */
export function shuffledFreeSlots(plan: Plan, seed: number): SlotRef[] {
  const all = [...plan.free.values()].flat();
  const rnd = mulberry32(seed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all;
}

/** A POST /meetings (V2) body for a slot. */
export function meetingBody(
  slot: { employeeId: string; start: number; end: number; roomId?: string; additionalEmployees?: string[] },
  n: number,
): Record<string, unknown> {
  return {
    employeeId: slot.employeeId,
    customerId: `customer-${n}`,
    salesforceId: `sf-${n}`,
    startDate: new Date(slot.start).toISOString(),
    endDate: new Date(slot.end).toISOString(),
    type: slot.roomId ? "Physical" : "Online",
    ...(slot.roomId ? { roomId: slot.roomId } : {}),
    ...(slot.additionalEmployees?.length ? { additionalEmployees: slot.additionalEmployees } : {}),
    title: "Advisory meeting",
  };
}
