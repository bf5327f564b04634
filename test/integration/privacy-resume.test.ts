/**
 * A host killed mid-erasure (issue 27): the erasure job is a state machine in Cosmos DB, worked under a lease.
 * One person with many meetings; the erasure starts; the host is killed (SIGKILL: no cleanup) while the job
 * is part-way through the meetings; a new host takes the job over once the lease (PRIVACY_JOB_LEASE_SECONDS=3)
 * has lapsed, settles what the dead host left in flight (the intent sweeper, INTENT_GRACE_SECONDS=2) and
 * finishes: afterwards no container holds the person's name, e-mail or customer id, and another person's
 * meeting is unchanged.
 */
import { randomUUID } from "node:crypto";
import { CosmosClient } from "@azure/cosmos";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import layout from "../../config/cosmos-containers.json" with { type: "json" };
import { EMULATOR_KEY } from "../../dev/cosmos-server.js";
import { Api, bookMeeting, createEmployee, isoAt, nextWeekday, sleep, type Json } from "../support/fixtures.js";
import { startStack, type HostProcess, type Stack } from "../support/stack.js";

const tag = randomUUID().slice(0, 8);
const PERSON = { name: `Rasmus Genoptag ${tag}`, email: `rasmus.genoptag.${tag}@example.com`, customerId: `cust-resume-${tag}` };
const NEEDLES = [PERSON.name, PERSON.email, PERSON.customerId].map((n) => n.toLowerCase());
/** Enough meetings that the erasure's meetings step takes a few seconds: the kill lands in the middle of it. */
const MEETINGS = 70;
const PER_DAY = 14;

let stack: Stack;
let api: Api;
let cosmos: CosmosClient;
const planted: string[] = [];
let otherId: string;

const db = () => cosmos.database("bookme");

async function erasedCount(): Promise<number> {
  const { resources } = await db()
    .container("meetings")
    .items.query<{ id: string; erasedAt?: string }>("SELECT c.id, c.erasedAt FROM c")
    .fetchAll();
  return resources.filter((m) => planted.includes(m.id) && typeof m.erasedAt === "string").length;
}

async function hitsEverywhere(): Promise<{ store: string; id: string }[]> {
  const hits: { store: string; id: string }[] = [];
  for (const { name } of layout.containers) {
    const { resources } = await db().container(name).items.query<{ id: string }>("SELECT * FROM c").fetchAll();
    for (const doc of resources) {
      const text = JSON.stringify(doc).toLowerCase();
      if (NEEDLES.some((n) => text.includes(n))) hits.push({ store: name, id: doc.id });
    }
  }
  return hits;
}

const runFunction = async (host: HostProcess, name: string) =>
  expect((await fetch(`${host.url}/admin/functions/${name}`, { method: "POST" })).status).toBe(202);

beforeAll(async () => {
  stack = await startStack({
    echo: !!process.env.ECHO_STACK,
    hostEnv: { PRIVACY_JOB_LEASE_SECONDS: "3", INTENT_GRACE_SECONDS: "2" },
  });
  api = new Api(stack);
  cosmos = new CosmosClient({ endpoint: stack.cosmosEndpoint, key: EMULATOR_KEY, connectionPolicy: { enableEndpointDiscovery: false } });
  const advisor = await createEmployee(api);
  const first = nextWeekday(1, 7);
  for (let i = 0; i < MEETINGS; i++) {
    const day = first.plus({ days: Math.floor(i / PER_DAY) });
    const minutes = 9 * 60 + (i % PER_DAY) * 30;
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
    const booked = await bookMeeting(api, advisor.id, isoAt(day, hhmm(minutes)), isoAt(day, hhmm(minutes + 30)), {
      customerId: PERSON.customerId,
      title: `Advice for ${PERSON.name}`,
      externalAttendees: [{ name: PERSON.name, email: PERSON.email }],
    });
    planted.push(booked.id);
  }
  const otherDay = first.plus({ days: Math.ceil(MEETINGS / PER_DAY) + 1 });
  otherId = (
    await bookMeeting(api, advisor.id, isoAt(otherDay, "10:00"), isoAt(otherDay, "11:00"), {
      customerId: `cust-other-${tag}`,
      externalAttendees: [{ name: `Other Person ${tag}`, email: `other.${tag}@example.com` }],
    })
  ).id;
}, 240_000);

afterAll(async () => {
  cosmos?.dispose();
  await stack?.stop();
});

describe("an erasure whose host is killed part-way", () => {
  it("is taken over by another host once its lease lapses and finishes: zero hits, others untouched", async () => {
    const other = (await db().container("meetings").item(otherId, otherId).read()).resource;
    expect(await hitsEverywhere()).not.toEqual([]);
    expect(await erasedCount()).toBe(0);
    const started = await api.post("/privacy/erasures", { customerId: PERSON.customerId, reason: "case resume-27" });
    expect(started.status, started.text).toBe(202);
    const id = started.body.id as string;

    // The first host starts the job; it is killed as soon as the job has recorded its meetings and begun erasing them.
    const doomed = stack.hosts[0];
    const jobDoc = async () => (await db().container("privacy").item(`erasure:${id}`, `erasure:${id}`).read<Json>()).resource!;
    // The admin call answers when the run ends, which is after the kill: not awaited.
    const run = fetch(`${doomed.url}/admin/functions/privacy-jobs`, { method: "POST" }).catch(() => undefined);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !(await jobDoc()).steps?.directory?.done) await sleep(2);
    await doomed.kill("SIGKILL");
    await run;
    const atKill = await erasedCount();
    expect(atKill, "the kill must land before the meetings are all erased").toBeLessThan(MEETINGS);
    const job = await jobDoc();
    expect(job.status).toBe("Running");
    expect(job.meetingIds).toHaveLength(MEETINGS);
    expect(job.steps.meetings?.done ?? false).toBe(false);

    // A new host: the job's lease lapses, the sweeper settles what the dead host left in flight, the job finishes.
    const survivor = await stack.startHost();
    const api2 = api.at(survivor.base);
    let status: Json = {};
    const end = Date.now() + 120_000;
    while (Date.now() < end) {
      await runFunction(survivor, "reservations-sweep");
      await runFunction(survivor, "privacy-jobs");
      status = (await api2.get(`/privacy/erasures/${id}`)).body;
      if (status.status === "Succeeded") break;
      await sleep(1000);
    }
    expect(status.status, JSON.stringify(status)).toBe("Succeeded");
    expect(status.meetings).toBe(MEETINGS);
    expect(await erasedCount()).toBe(MEETINGS);
    // Nothing of the person anywhere: meetings, event log, outbox, intents, audit, idempotency, privacy jobs...
    let hits = await hitsEverywhere();
    for (let i = 0; i < 20 && hits.length > 0; i++) {
      // The outbox drains on the dispatcher's second-by-second timer: what is still there is redacted too.
      await sleep(500);
      hits = await hitsEverywhere();
    }
    expect(hits).toEqual([]);
    expect((await db().container("meetings").item(otherId, otherId).read()).resource).toEqual(other);
  }, 240_000);
});
