/**
 * What the cost caps save: `npm run build && node dist/bench/limits.js`. One stack, 300 service-group
 * advisors (40 of them at one branch); each query timed on a host with the default limits and on one
 * with the limits raised out of the way, one request at a time (identity encoding, so bytes are the
 * JSON's). Prints status, bytes and median/min latency per query and host.
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { startStack, stackRepositories } from "../dev/stack.js";
import { fixed, formatTable } from "./lib/table.js";

const { values: args } = parseArgs({ options: { advisors: { type: "string", default: "300" }, runs: { type: "string", default: "5" } } });
const ADVISORS = Number(args.advisors);
const RUNS = Number(args.runs);
const weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;

async function timed(url: string, headers: Record<string, string>) {
  const ms: number[] = [];
  let status = 0;
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: { ...headers, "accept-encoding": "identity" } });
    bytes = (await res.arrayBuffer()).byteLength;
    ms.push(performance.now() - t);
    status = res.status;
  }
  ms.sort((a, b) => a - b);
  return { status, bytes, median: ms[Math.floor(ms.length / 2)], min: ms[0] };
}

async function main() {
  const stack = await startStack();
  try {
    const open = await stack.startHost({ QUERY_MAX_RESOURCE_DAYS: "1000000000", QUERY_MAX_SLOTS: "1000000000" });
    const repos = await stackRepositories(stack);
    for (let n = 0; n < ADVISORS; n++)
      await repos.directory.put("employee", {
        id: randomUUID(),
        name: `Bench ${n}`,
        email: `bench.${n}@bank.example`,
        timeZone: "Europe/Copenhagen",
        workingHours: weekdays.map((day) => ({ day, start: "09:00", end: "16:00" })),
        overrides: [],
        meetingTypes: ["Physical", "Online", "Telephone"],
        locations: n < 40 ? ["Bench branch"] : [],
        serviceGroups: ["Bench group"],
        topicIds: [],
        customerTypeIds: [],
        absences: [],
      });
    repos.dispose();
    const headers = await stack.headers();
    const start = `${new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)}T00:00:00Z`;
    const end7 = new Date(Date.parse(start) + 7 * 86_400_000).toISOString();
    const queries: [string, string][] = [
      [
        `service group (${ADVISORS}) x 31 days`,
        `/time-slots/available?requireEmployeeParticipation=false&employeeTypes=ServiceGroup&serviceGroups=Bench%20group&startDate=${start}&lookForwardTime=31.00:00:00`,
      ],
      [
        "branch (40) x 14 days",
        `/time-slots/available?requireEmployeeParticipation=false&employeeTypes=Local&customerLocation=Bench%20branch&startDate=${start}&lookForwardTime=14.00:00:00`,
      ],
      [`every employee's grid (${ADVISORS}) x 7 days`, `/time-slots?startDate=${start}&endDate=${end7}`],
    ];
    const rows: (string | number)[][] = [];
    for (const [name, path] of queries) {
      for (const [label, base] of [
        ["default limits", stack.base],
        ["limits raised", open.base],
      ] as const) {
        await timed(base + path, headers); // warm the directory cache
        const r = await timed(base + path, headers);
        rows.push([name, label, r.status, r.bytes, fixed(r.median, 1), fixed(r.min, 1)]);
      }
    }
    console.log(formatTable(["query", "host", "status", "bytes", "median ms", "min ms"], rows, [false, false, true, true, true, true]));
  } finally {
    await stack.stop();
  }
}

await main();
