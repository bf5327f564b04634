/**
 * Customer messages on the real local stack, beyond the basics of messages.test.ts: every message
 * carries its recipient's unsubscribe link (e-mail: text, HTML and the List-Unsubscribe header;
 * SMS: a link), the link's page changes nothing on GET and opts out on POST, and an opted-out
 * contact (by normalised address or phone) gets nothing more while others still do, until the
 * page's "receive messages again" (a POST with the link's token) opts it back in; German
 * messages from V2's `language`; GET /meetings/{id}/notifications; notification.sent on the webhooks.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxMessage } from "../../dev/acs/inbox-store.js";
import { Api, bookMeeting, createEmployee, isoAt, nextWeekday, sleep } from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";
import { WebhookReceiver } from "../support/webhook-receiver.js";

let stack: Stack;
let api: Api;
let receiver: WebhookReceiver;
let advisorId = "";

beforeAll(async () => {
  stack = await startStack({ acs: true });
  api = new Api(stack);
  receiver = await new WebhookReceiver().start();
  const sub = await api.post("/config/webhooks", { url: receiver.url, eventTypes: ["notification.sent", "notification.failed"] });
  expect(sub.status, sub.text).toBe(201);
  receiver.secrets = [sub.body.secret];
  advisorId = (await createEmployee(api, {})).id;
}, 120_000);
afterAll(async () => {
  await receiver?.stop();
  await stack?.stop();
});

const inbox = async (): Promise<InboxMessage[]> => (await fetch(`${stack.acs!.inboxUrl}/messages`)).json() as Promise<InboxMessage[]>;
const of = async (meetingId: string) => (await inbox()).filter((m) => m.meetingId === meetingId);

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** The link in a message, pointed at the first host (the stack's link base URL is the host). */
const hostUrlOf = (link: string) => {
  const url = new URL(link);
  return `${stack.hosts[0].url}${url.pathname}${url.search}`;
};
const unsubscribeLinkIn = (text: string) => /https?:\/\/\S+\/api\/messages\/unsubscribe\?\S+/.exec(text)?.[0];

/** A weekday 7+ days ahead at 10:00 in the advisor's zone (Copenhagen), one per test. */
let dayOffset = 0;
function slot() {
  const day = nextWeekday(2, 7 + 7 * dayOffset++);
  return { day, start: isoAt(day, "10:00"), end: isoAt(day, "10:30") };
}

describe("German messages, the notifications endpoint and notification.sent", () => {
  let meetingId = "";

  it("V2's language: de gives a German confirmation with the German date, its unsubscribe link in text, HTML and List-Unsubscribe", async () => {
    const s = slot();
    const { id } = await bookMeeting(api, advisorId, s.start, s.end, {
      externalAttendees: [{ name: "Greta Gast", email: "greta.gast@example.com" }],
      language: "de",
    });
    meetingId = id;
    const [mail] = await waitFor("the confirmation", async () => ((await of(id)).length ? of(id) : undefined));
    expect(mail.subject).toBe("Ihr Termin ist bestätigt");
    expect(mail.text).toContain(`Dienstag, ${s.day.setLocale("de-DE").toFormat("d. LLLL yyyy")}, 10:00–10:30`);
    const link = unsubscribeLinkIn(mail.text);
    expect(link, mail.text).toBeDefined();
    expect(link).not.toMatch(/greta|example\.com/i);
    expect(new URL(link!).searchParams.get("l")).toBe("de");
    expect(mail.html).toContain(`href="${link!.replace(/&/g, "&amp;")}"`);
    expect(mail.headers?.["List-Unsubscribe"]).toBe(`<${link}>`);
    expect(mail.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  });

  it("GET /meetings/{id}/notifications: channel, kind, status, attempts and times; no body, no address", async () => {
    const res = await waitFor("a sent record", async () => {
      const r = await api.get(`/meetings/${meetingId}/notifications`);
      return r.status === 200 && r.body[0]?.status === "sent" ? r : undefined;
    });
    expect(res.body).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        channel: "email",
        kind: "confirmation",
        status: "sent",
        attempts: 1,
        lastProviderStatus: null,
        createdAt: expect.stringMatching(/Z$/),
        updatedAt: expect.stringMatching(/Z$/),
        sentAt: expect.stringMatching(/Z$/),
      },
    ]);
    expect(res.text).not.toMatch(/greta|example\.com|Termin/i);
    expect((await api.get(`/meetings/00000000-0000-4000-8000-000000000000/notifications`)).status).toBe(404);
  });

  it("notification.sent reaches the webhook once, naming the message and meeting, without an address", async () => {
    const [record] = (await api.get(`/meetings/${meetingId}/notifications`)).body as { id: string }[];
    const sent = await waitFor(
      "notification.sent",
      async () => receiver.deliveries.find((d) => d.body.type === "notification.sent" && d.body.data.meetingId === meetingId),
      30_000,
    );
    expect(sent.body.data).toMatchObject({ notificationId: record.id, meetingId, kind: "confirmation", channel: "email", status: "sent" });
    expect(JSON.stringify(sent.body)).not.toMatch(/greta|example\.com/i);
    await sleep(2000);
    const copies = receiver.deliveries.filter((d) => d.body.type === "notification.sent" && d.body.data.notificationId === record.id);
    expect(new Set(copies.map((d) => d.id)).size).toBe(1);
    expect(copies[0].verifiedBy).toEqual([0]);
  });
});

describe("opting out", () => {
  it("the link's GET shows a button and changes nothing; its POST opts out; then no more e-mail to that address, others still get theirs", async () => {
    const s = slot();
    const { id } = await bookMeeting(api, advisorId, s.start, s.end, {
      externalAttendees: [{ name: "Olga Opt", email: "olga.opt@example.com" }],
    });
    const [mail] = await waitFor("the confirmation", async () => ((await of(id)).length ? of(id) : undefined));
    const link = hostUrlOf(unsubscribeLinkIn(mail.text)!);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<button");
    // A GET opted nobody out: a move still sends its update.
    const moved = slot();
    expect((await api.post(`/meetings/${id}/reschedule`, { startDate: moved.start, endDate: moved.end })).status).toBe(200);
    await waitFor("the update", async () => ((await of(id)).length === 2 ? true : undefined));
    // A forged token is refused and records nothing.
    const forged = await fetch(link.replace(/([?&]t=)[^&]+/, "$1AAAAAAAAAAAAAAAAAAAAAA"), { method: "POST" });
    expect(forged.status).toBe(404);
    // The button's POST (form fields), as a mail client's one-click POST would (the URL's query).
    const post = await fetch(link, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(post.status).toBe(200);
    expect(await post.text()).toContain("afmeldt");
    // Cancelled after opting out: no notice; its record says suppressed.
    expect((await api.post(`/meetings/${id}/cancel`, { reason: "test" })).status).toBe(200);
    await waitFor("the suppressed record", async () => {
      const r = await api.get(`/meetings/${id}/notifications`);
      return (r.body as { kind: string; status: string }[]).some((n) => n.kind === "cancelled" && n.status === "suppressed")
        ? true
        : undefined;
    });
    expect((await of(id)).map((m) => m.subject)).toEqual(["Dit møde er flyttet", "Bekræftelse af dit møde"]);
    // A new booking for the same address, written differently, with a second attendee: only the second hears of it.
    const again = slot();
    const second = await bookMeeting(api, advisorId, again.start, again.end, {
      externalAttendees: [
        { name: "Olga Opt", email: "OLGA.Opt@Example.COM" },
        { name: "Per Partner", email: "per.partner@example.com" },
      ],
    });
    const [only] = await waitFor("the second attendee's confirmation", async () =>
      (await of(second.id)).length ? of(second.id) : undefined,
    );
    expect(only.to).toEqual(["per.partner@example.com"]);
    await waitFor("both records final", async () => {
      const r = (await api.get(`/meetings/${second.id}/notifications`)).body as { status: string }[];
      return r
        .map((n) => n.status)
        .sort()
        .join() === "sent,suppressed"
        ? true
        : undefined;
    });
    await sleep(1500);
    expect(await of(second.id)).toHaveLength(1);
  }, 90_000);

  it("an SMS carries a short unsubscribe link; after it, the phone gets no more SMS", async () => {
    const s = slot();
    // No e-mail attendee, a phone: messages go by SMS.
    const { id } = await bookMeeting(api, advisorId, s.start, s.end, {
      externalAttendees: [],
      customFields: [{ key: "phone", value: "+45 20 30 40 50" }],
    });
    const [sms] = await waitFor("the SMS", async () => ((await of(id)).length ? of(id) : undefined));
    expect(sms).toMatchObject({ channel: "sms", to: ["+4520304050"] });
    const link = unsubscribeLinkIn(sms.text);
    expect(link, sms.text).toBeDefined();
    expect(sms.text).toContain(`Afmeld: ${link}`);
    const post = await fetch(hostUrlOf(link!), { method: "POST" });
    expect(post.status).toBe(200);
    expect((await api.post(`/meetings/${id}/cancel`, {})).status).toBe(200);
    await waitFor("the suppressed SMS", async () => {
      const r = (await api.get(`/meetings/${id}/notifications`)).body as { kind: string; channel: string; status: string }[];
      return r.some((n) => n.kind === "cancelled" && n.channel === "sms" && n.status === "suppressed") ? true : undefined;
    });
    expect(await of(id)).toHaveLength(1);
  }, 60_000);

  it("after opting out, the page offers receiving messages again (a POST with the link's token): then the next booking's confirmation arrives", async () => {
    const rita = { name: "Rita Return", email: "rita.return@example.com" };
    const first = slot();
    const { id } = await bookMeeting(api, advisorId, first.start, first.end, { externalAttendees: [rita] });
    const [mail] = await waitFor("the confirmation", async () => ((await of(id)).length ? of(id) : undefined));
    const link = hostUrlOf(unsubscribeLinkIn(mail.text)!);
    // The page's one form, posted as a browser would (no action attribute: to the page's own URL).
    const formOf = async (res: Response) => {
      const html = await res.text();
      const forms = [...html.matchAll(/<form method="post">([\s\S]*?)<\/form>/g)];
      expect(forms, html).toHaveLength(1);
      return { html, fields: Object.fromEntries([...forms[0][1].matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((f) => [f[1], f[2]])) };
    };
    const post = (fields: Record<string, string>) =>
      fetch(link, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
      });

    const ask = await formOf(await fetch(link));
    expect(ask.fields.action).toBe("optout");
    const out = await post(ask.fields);
    expect(out.status).toBe(200);
    const back = await formOf(out);
    expect(back.html).toContain("Du er afmeldt");
    expect(back.fields).toMatchObject({ action: "optin", t: ask.fields.t, c: ask.fields.c });
    // Opening the link again (a GET, as a mail scanner) changes nothing and offers the way back.
    const reopened = await formOf(await fetch(link));
    expect(reopened.fields.action).toBe("optin");
    expect(reopened.html).toContain("Modtag beskeder igen");
    // A forged token cannot opt anyone back in.
    expect((await post({ ...back.fields, t: "AAAAAAAAAAAAAAAAAAAAAA" })).status).toBe(404);
    // Opted out: a booking's confirmation is suppressed.
    const meanwhile = slot();
    const suppressed = await bookMeeting(api, advisorId, meanwhile.start, meanwhile.end, { externalAttendees: [rita] });
    await waitFor("the suppressed confirmation", async () => {
      const r = (await api.get(`/meetings/${suppressed.id}/notifications`)).body as { kind: string; status: string }[];
      return r.some((n) => n.kind === "confirmation" && n.status === "suppressed") ? true : undefined;
    });

    const optedIn = await post(back.fields);
    expect(optedIn.status).toBe(200);
    const again = await formOf(optedIn);
    expect(again.html).toContain("Du får igen beskeder fra os");
    expect(again.fields.action).toBe("optout");
    const next = slot();
    const booked = await bookMeeting(api, advisorId, next.start, next.end, { externalAttendees: [rita] });
    const [confirmation] = await waitFor("the confirmation after opting back in", async () =>
      (await of(booked.id)).length ? of(booked.id) : undefined,
    );
    expect(confirmation).toMatchObject({ to: [rita.email], subject: "Bekræftelse af dit møde" });
    expect(await of(suppressed.id)).toHaveLength(0);
  }, 90_000);

  it("host logs carry no address, phone or name of these customers", () => {
    const lines = stack.hosts.flatMap((h) => h.output);
    expect(lines.some((l) => l.includes("customer opted out of messages"))).toBe(true);
    expect(lines.some((l) => l.includes("customer opted back in to messages"))).toBe(true);
    for (const l of lines) expect(l).not.toMatch(/greta|olga|rita|per\.partner|Partner|20304050|\+45 20/i);
  });
});
