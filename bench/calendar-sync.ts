/**
 * GET /time-slots/available with Outlook sync on vs off: `npm run build && node dist/bench/calendar-sync.js`.
 * One stack with the dev Graph; 20 advisors that sync (each with Outlook events, synced once) and 20
 * identical ones that do not. Each round runs GET /health, then sync off, then on, to spread the
 * machine's noise over all three; every row shows req/s and p99 against the health row of its own
 * round (the figures that move least with other load on a shared machine), and the medians close
 * the table (target: on within 10% of off).
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { startStack } from "../dev/stack.js";
import { fixed, formatTable } from "./lib/table.js";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "8" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "8" },
  },
});
const ADVISORS = 20;
const weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"];

async function main() {
  const stack = await startStack({ graph: true, hostEnv: { CALENDAR_SYNC_INTERVAL_SECONDS: "3600" } });
  try {
    const headers = await stack.headers();
    const graph = stack.graph!.client;
    const token = await graph.token();
    const ids = { on: [] as string[], off: [] as string[] };
    const start = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    for (const mode of ["on", "off"] as const) {
      for (let i = 0; i < ADVISORS; i++) {
        const id = randomUUID();
        const email = `bench.${mode}.${i}@bank.example`;
        const body = {
          name: `Bench ${mode} ${i}`,
          email,
          timeZone: "Europe/Copenhagen",
          workingHours: weekdays.map((day) => ({ day, start: "09:00", end: "16:00" })),
          calendarSync: mode === "on",
        };
        const res = await fetch(`${stack.base}/config/employees/${id}`, { method: "PUT", headers, body: JSON.stringify(body) });
        if (res.status >= 300) throw new Error(`PUT employee ${res.status}`);
        ids[mode].push(id);
        if (mode === "on") {
          await graph.request("PUT", `/dev-graph/mailboxes/${encodeURIComponent(email)}`);
          for (let d = 0; d < 10; d++) {
            const day = new Date(Date.parse(`${start}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
            await graph.request(
              "POST",
              `/dev-graph/v1.0/users/${encodeURIComponent(email)}/events`,
              {
                subject: "x",
                showAs: "busy",
                start: { dateTime: `${day}T${10 + (i % 4)}:00:00`, timeZone: "UTC" },
                end: { dateTime: `${day}T${11 + (i % 4)}:00:00`, timeZone: "UTC" },
              },
              { authorization: `Bearer ${token}` },
            );
          }
        }
      }
    }
    await fetch(`${stack.hosts[0].url}/admin/functions/calendar-sync`, { method: "POST" });
    const path = (list: string[]) =>
      `/api/v2/bookme/time-slots/available?${list.map((id) => `explicitEmployeeIds=${id}`).join("&")}&employeeTypes=Explicit&requireEmployeeParticipation=false&startDate=${start}T00:00:00Z&lookForwardTime=14.00:00:00`;
    const check = await fetch(`${stack.hosts[0].url}${path(ids.on)}`, { headers });
    if (check.status !== 200 || check.headers.get("bookme-degraded-calendars"))
      throw new Error(`sync-on check: ${check.status} degraded=${check.headers.get("bookme-degraded-calendars")}`);
    const rows: (string | number)[][] = [];
    const rps = { on: [] as number[], off: [] as number[] };
    const vsHealth = { on: [] as number[], off: [] as number[] };
    const load = (p: string) =>
      autocannon({
        url: stack.hosts[0].url,
        connections: Number(args.connections),
        duration: Number(args.duration),
        headers,
        requests: [{ method: "GET", path: p }],
      });
    for (let round = 0; round < Number(args.rounds); round++) {
      const health = await load("/api/v2/bookme/health");
      rows.push([
        round + 1,
        "GET /health",
        fixed(health.requests.average, 0),
        health.latency.p50,
        health.latency.p99,
        health.non2xx,
        "1.00",
        "1.00",
      ]);
      for (const mode of ["off", "on"] as const) {
        const r = await load(path(ids[mode]));
        const ratio = r.requests.average / health.requests.average;
        rps[mode].push(r.requests.average);
        vsHealth[mode].push(ratio);
        rows.push([
          round + 1,
          `available, sync ${mode}`,
          fixed(r.requests.average, 0),
          r.latency.p50,
          r.latency.p99,
          r.non2xx,
          fixed(ratio, 2),
          fixed(r.latency.p99 / health.latency.p99, 2),
        ]);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      formatTable(
        ["round", "GET (available: 20 advisors x 14 days)", "req/s", "p50 ms", "p99 ms", "non-2xx", "vs health", "p99/health"],
        rows,
      ),
    );
    console.log(
      `median req/s: off ${fixed(median(rps.off), 0)}, on ${fixed(median(rps.on), 0)} (on/off ${fixed((100 * median(rps.on)) / median(rps.off), 1)}%); ` +
        `median vs health: off ${fixed(median(vsHealth.off), 2)}, on ${fixed(median(vsHealth.on), 2)} (on/off ${fixed((100 * median(vsHealth.on)) / median(vsHealth.off), 1)}%)`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
