/**
 * Customer messages across a host killed between a booking's committed event and its message: the
 * message goes out exactly once after recovery. Twice: killed right after the booking's commit
 * (wherever the event is then: outbox, queue or send), and killed while ACS has accepted the e-mail
 * but before its answer reached the host (the delivery record says "sending"; the retry on the new
 * host, once the send lease runs out, sends the same Operation-Id, which ACS knows: no second
 * e-mail). The provider outage (sent after, once) is messages.test.ts's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxMessage } from "../../dev/acs/inbox-store.js";
import { Api, bookMeeting, createEmployee, isoAt, nextWeekday, sleep } from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";

let stack: Stack;
let api: Api;
let advisorId = "";

beforeAll(async () => {
  // A killed host's queue message is visible again after 3 s (600 s by default).
  stack = await startStack({ acs: true, hostEnv: { HOST_QUEUE_VISIBILITY_SECONDS: "3" } });
  api = new Api(stack);
  advisorId = (await createEmployee(api, {})).id;
}, 120_000);
afterAll(async () => stack?.stop());

const inboxUrl = () => stack.acs!.inboxUrl;
const of = async (meetingId: string) =>
  ((await (await fetch(`${inboxUrl()}/messages`)).json()) as InboxMessage[]).filter((m) => m.meetingId === meetingId);
const acsAdmin = (path: string, body: unknown) => fetch(new URL(path, inboxUrl()), { method: "POST", body: JSON.stringify(body) });
const duplicates = async () => ((await (await fetch(new URL("/dev-acs/stats", inboxUrl()))).json()) as { duplicates: number }).duplicates;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

async function replaceHost() {
  await stack.hosts.at(-1)!.kill("SIGKILL");
  const host = await stack.startHost();
  api = api.at(host.base);
}

const attendee = (tag: string) => ({ name: `Kim ${tag}`, email: `kim.${tag}@example.com` });

describe("a host killed between the event and the send", () => {
  it("killed right after the booking committed: exactly one confirmation after recovery", async () => {
    const day = nextWeekday(3, 7);
    const { id } = await bookMeeting(api, advisorId, isoAt(day, "10:00"), isoAt(day, "10:30"), { externalAttendees: [attendee("a")] });
    await replaceHost();
    await waitFor("the confirmation", async () => ((await of(id)).length ? true : undefined), 60_000);
    await sleep(5000);
    expect((await of(id)).map((m) => m.subject)).toEqual(["Bekræftelse af dit møde"]);
    const records = (await api.get(`/meetings/${id}/notifications`)).body as { status: string }[];
    expect(records.map((r) => r.status)).toEqual(["sent"]);
  }, 120_000);

  it("killed after ACS accepted the e-mail, before its answer: the retry on the new host sends the same operation, one e-mail", async () => {
    const day = nextWeekday(4, 7);
    const before = await duplicates();
    expect((await acsAdmin("/dev-acs/latency", { ms: 8000 })).status).toBe(204);
    let id = "";
    try {
      id = (await bookMeeting(api, advisorId, isoAt(day, "10:00"), isoAt(day, "10:30"), { externalAttendees: [attendee("b")] })).id;
      // In the inbox: ACS has it; the host is still waiting for the 202.
      await waitFor("ACS accepting the e-mail", async () => ((await of(id)).length ? true : undefined), 30_000);
      await replaceHost();
    } finally {
      await acsAdmin("/dev-acs/latency", { ms: 0 });
    }
    const sending = (await api.get(`/meetings/${id}/notifications`)).body as { status: string; attempts: number }[];
    expect(sending).toMatchObject([{ status: "sending", attempts: 1 }]);
    // The new host takes it over once the dead host's send lease (60 s) runs out.
    const [record] = await waitFor(
      "the record sent",
      async () => {
        const r = (await api.get(`/meetings/${id}/notifications`)).body as { status: string; attempts: number }[];
        return r[0]?.status === "sent" ? r : undefined;
      },
      120_000,
    );
    expect(record.attempts).toBe(2);
    expect(await duplicates()).toBeGreaterThan(before);
    await sleep(3000);
    expect(await of(id)).toHaveLength(1);
  }, 200_000);

  it("host logs carry no customer address or name", () => {
    for (const l of stack.hosts.flatMap((h) => h.output)) expect(l).not.toMatch(/kim\.|Kim [ab]/);
  });
});
