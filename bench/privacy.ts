/**
 * Erasure benchmark (issue 27): `npm run bench:privacy` (builds first). Starts the local stack (embedded
 * Cosmos, Azurite, one local Functions host), plants one person with N meetings (default 200, booked
 * through the V2 API, their e-mail, name and phone on each) and M webhook delivery-log lines (default
 * 1,000, written into the `deliveries` container as the delivery worker writes them, for the events of
 * those meetings), then times through the API:
 * - the export (POST /privacy/exports -> Succeeded), which reads every meeting, its audit trail and deliveries;
 * - the erasure (POST /privacy/erasures -> Succeeded), every store; the target is under one minute;
 * - a booking for someone else made while the erasure runs (an erasure never blocks bookings).
 * Afterwards the meetings and the event log are searched for the person: zero hits, or the run fails.
 * Figures go to bench/results/privacy-<time>.json and privacy-latest.json (git-ignored).
 *
 *   node dist/bench/privacy.js [--meetings 200] [--deliveries 1000]
 */
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { CosmosClient } from "@azure/cosmos";
import { DateTime } from "luxon";
import { startStack, type Stack } from "../dev/stack.js";
import { REPO_ROOT } from "../dev/data-dir.js";
import { fixed, formatTable } from "./lib/table.js";

const { values: args } = parseArgs({
  options: {
    meetings: { type: "string", default: "200" },
    deliveries: { type: "string", default: "1000" },
  },
});
const MEETINGS = Number(args.meetings);
const DELIVERIES = Number(args.deliveries);
const TARGET_MS = 60_000;
const RESULTS = path.join(REPO_ROOT, "bench", "results");
const ZONE = "Europe/Copenhagen";
const log = (line: string) => process.stdout.write(`${line}\n`);

const tag = randomUUID().slice(0, 8);
const PERSON = { name: `Bench Person ${tag}`, email: `bench.person.${tag}@example.com`, phone: "+45 20 30 40 50" };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(stack: Stack, method: string, route: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${stack.base}${route}`, {
    method,
    headers: { ...(await stack.headers()), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}

const employee = (tagged: string) => ({
  name: `Bench Advisor ${tagged}`,
  email: `bench.advisor.${tagged}@bank.example`,
  timeZone: ZONE,
  workingHours: ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map((day) => ({
    day,
    start: "08:00",
    end: "18:00",
  })),
  meetingTypes: ["Physical", "Online", "Telephone"],
  locations: [],
  serviceGroups: [],
  topicIds: [],
  customerTypeIds: [],
  absences: [],
});

/** Half-hour slots from 08:00 to 18:00 local, day after day from a week ahead. */
function* slots(): Generator<{ start: string; end: string }, never> {
  const first = DateTime.now().setZone(ZONE).startOf("day").plus({ days: 7 });
  for (let d = 0; ; d++)
    for (let i = 0; i < 20; i++) {
      const start = first
        .plus({ days: d })
        .set({ hour: 8 })
        .plus({ minutes: 30 * i });
      yield { start: start.toUTC().toISO()!, end: start.plus({ minutes: 30 }).toUTC().toISO()! };
    }
}

async function plant(stack: Stack, advisorId: string): Promise<string[]> {
  const ids: string[] = [];
  const times = slots();
  for (let tries = 0; ids.length < MEETINGS; tries++) {
    if (tries > 3 * MEETINGS) throw new Error(`only ${ids.length} of ${MEETINGS} meetings could be booked`);
    const { start, end } = times.next().value;
    const res = await call(stack, "POST", "/meetings", {
      bookedBy: "Employee",
      salesforceId: `sf-${tag}`,
      employeeId: advisorId,
      customerId: `cust-bench-${tag}`,
      startDate: start,
      endDate: end,
      type: "Online",
      title: `Advice for ${PERSON.name}`,
      customFields: [{ key: "phone", value: PERSON.phone }],
      externalAttendees: [{ name: PERSON.name, email: PERSON.email }],
    });
    if (res.status === 201) ids.push(res.body.id as string);
    else if (tries === 0 || (res.status !== 409 && res.status !== 422))
      throw new Error(`POST /meetings: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return ids;
}

/** The delivery log as the delivery worker writes it (shared/events/delivery.ts): attempts per event, no payload. */
async function plantDeliveries(client: CosmosClient, meetingIds: string[]) {
  const container = client.database("bookme").container("deliveries");
  const subscriptionId = randomUUID();
  const perEvent = Math.ceil(DELIVERIES / meetingIds.length);
  let written = 0;
  for (const meetingId of meetingIds)
    for (let attempt = 1; attempt <= perEvent && written < DELIVERIES; attempt++, written++) {
      const eventId = `evt_meeting_${meetingId}_1`;
      await container.items.create({
        id: `attempt:${eventId}:${attempt}:bench`,
        kind: "attempt",
        subscriptionId,
        eventId,
        eventType: "meeting.created",
        attempt,
        replay: false,
        at: new Date().toISOString(),
        statusCode: attempt < perEvent ? 503 : 200,
        error: null,
        latencyMs: 5,
        outcome: attempt < perEvent ? "retrying" : "delivered",
      });
    }
  return written;
}

/** POST a job, run the timer, poll its status until it finishes; the time from the POST. */
async function timedJob(stack: Stack, kind: "exports" | "erasures", body: Json, during?: () => Promise<void>) {
  const started = performance.now();
  const res = await call(stack, "POST", `/privacy/${kind}`, body);
  if (res.status !== 202) throw new Error(`POST /privacy/${kind}: ${res.status} ${JSON.stringify(res.body)}`);
  const run = fetch(`${stack.hosts[0].url}/admin/functions/privacy-jobs`, { method: "POST" });
  const side = during?.();
  for (;;) {
    const status = await call(stack, "GET", `/privacy/${kind}/${res.body.id}`);
    if (status.body.status === "Succeeded") {
      await Promise.all([run, side]);
      return { ms: performance.now() - started, status: status.body };
    }
    if (status.body.status === "Failed" || status.body.status === "Canceled") throw new Error(`${kind}: ${JSON.stringify(status.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function hits(client: CosmosClient, containers: string[]) {
  const needles = [PERSON.name, PERSON.email, PERSON.phone].map((n) => n.toLowerCase());
  let found = 0;
  for (const name of containers) {
    const { resources } = await client.database("bookme").container(name).items.query("SELECT * FROM c").fetchAll();
    for (const doc of resources) if (needles.some((n) => JSON.stringify(doc).toLowerCase().includes(n))) found++;
  }
  return found;
}

async function main() {
  const stack = await startStack({ hosts: 1 });
  const client = new CosmosClient({
    endpoint: stack.cosmosEndpoint,
    key: stack.cosmosKey,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  try {
    const advisorId = randomUUID();
    const put = await call(stack, "PUT", `/config/employees/${advisorId}`, employee(tag));
    if (put.status !== 201) throw new Error(`PUT employee: ${put.status}`);
    const other = randomUUID();
    await call(stack, "PUT", `/config/employees/${other}`, employee(`${tag}-2`));

    let t = performance.now();
    const meetingIds = await plant(stack, advisorId);
    const plantMs = performance.now() - t;
    t = performance.now();
    const deliveries = await plantDeliveries(client, meetingIds);
    log(
      `planted ${meetingIds.length} meetings in ${fixed(plantMs / 1000)} s, ${deliveries} delivery-log lines in ${fixed((performance.now() - t) / 1000)} s`,
    );

    const exported = await timedJob(stack, "exports", { email: PERSON.email });
    const doc = exported.status.result as { meetings: unknown[]; webhookDeliveries: unknown[] };
    if (doc.meetings.length !== MEETINGS || doc.webhookDeliveries.length !== deliveries)
      throw new Error(`export: ${doc.meetings.length} meetings, ${doc.webhookDeliveries.length} deliveries`);

    let bookingMs = NaN;
    const erased = await timedJob(stack, "erasures", { email: PERSON.email, reason: "bench" }, async () => {
      // Someone else books while the erasure runs.
      const s = performance.now();
      const day = DateTime.now().setZone(ZONE).startOf("day").plus({ days: 6 }).set({ hour: 10 });
      const res = await call(stack, "POST", "/meetings", {
        bookedBy: "Employee",
        salesforceId: "sf-other",
        employeeId: other,
        customerId: `cust-other-${tag}`,
        startDate: day.toUTC().toISO(),
        endDate: day.plus({ minutes: 30 }).toUTC().toISO(),
        type: "Online",
      });
      if (res.status !== 201) throw new Error(`booking during the erasure: ${res.status}`);
      bookingMs = performance.now() - s;
    });
    const left = await hits(client, ["meetings", "events", "idempotency", "privacy"]);
    const stores = erased.status.stores as Record<string, { count: number }>;

    log("");
    log(
      formatTable(
        ["person", "meetings", "delivery lines", "export s", "erasure s", "target s", "booking during erasure ms", "hits after"],
        [
          [
            tag,
            MEETINGS,
            deliveries,
            fixed(exported.ms / 1000, 2),
            fixed(erased.ms / 1000, 2),
            TARGET_MS / 1000,
            fixed(bookingMs, 0),
            left,
          ],
        ],
      ),
    );
    log(
      `\nerasure per store: ${Object.entries(stores)
        .map(([k, v]) => `${k} ${v.count}`)
        .join(", ")}`,
    );
    const out = {
      at: new Date().toISOString(),
      meetings: MEETINGS,
      deliveryLines: deliveries,
      plantSeconds: plantMs / 1000,
      exportSeconds: exported.ms / 1000,
      erasureSeconds: erased.ms / 1000,
      targetSeconds: TARGET_MS / 1000,
      bookingDuringErasureMs: bookingMs,
      hitsAfter: left,
      stores,
      node: process.version,
    };
    fs.mkdirSync(RESULTS, { recursive: true });
    const file = path.join(RESULTS, `privacy-${out.at.replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(file, JSON.stringify(out, null, 2));
    fs.writeFileSync(path.join(RESULTS, "privacy-latest.json"), JSON.stringify(out, null, 2));
    log(`\nwritten ${path.relative(REPO_ROOT, file)}`);
    if (left > 0 || erased.ms > TARGET_MS) process.exitCode = 1;
  } finally {
    client.dispose();
    await stack.stop();
  }
}

await main();
