/**
 * Zero lost events under load: a receiver subscribed before the run; afterwards every committed
 * change must have its event in the log (each meeting of rev R: seq 1..R; each booked meeting the
 * run confirmed), every logged event must reach the receiver with a valid signature (copies only
 * under the same webhook-id, with the same body), and the outbox must be empty.
 */
import { CosmosClient } from "@azure/cosmos";
import type { Stack } from "../../dev/stack.js";
import { eventId } from "../../shared/booking/model/events.js";
import { WebhookReceiver } from "../../dev/webhook-receiver.js";

export interface EventWatch {
  receiver: WebhookReceiver;
  subscriptionId: string;
}

export async function watchEvents(stack: Stack): Promise<EventWatch> {
  const receiver = await new WebhookReceiver().start();
  const res = await fetch(`${stack.base}/config/webhooks`, {
    method: "POST",
    headers: await stack.headers(),
    body: JSON.stringify({ url: receiver.url, description: "load run" }),
  });
  const body = (await res.json()) as { id: string; secret: string };
  if (res.status !== 201) throw new Error(`subscribing the load receiver: ${res.status} ${JSON.stringify(body)}`);
  receiver.secrets = [body.secret];
  return { receiver, subscriptionId: body.id };
}

async function readAll(client: CosmosClient, container: string): Promise<Record<string, unknown>[]> {
  const { resources } = await client.database("bookme").container(container).items.readAll().fetchAll();
  return resources;
}

/** What the delivery records say about an event that never arrived: its state and every attempt. */
async function deliveryTrace(client: CosmosClient, watch: EventWatch, id: string): Promise<string> {
  const container = client.database("bookme").container("deliveries");
  const { resources } = await container.items
    .query<Record<string, unknown>>(
      { query: "SELECT * FROM c WHERE c.eventId = @id", parameters: [{ name: "@id", value: id }] },
      { partitionKey: watch.subscriptionId },
    )
    .fetchAll();
  if (resources.length === 0) return "no delivery state: never dispatched to the subscription";
  return resources
    .map((d) =>
      d.kind === "state"
        ? `state ${String(d.status)} after ${String(d.attempts)} tries, next ${String(d.nextAttemptAt)}`
        : `try ${String(d.attempt)} at ${String(d.at)}: ${String(d.outcome)} ${JSON.stringify(d.statusCode ?? d.error ?? "")}`,
    )
    .join("; ");
}

export interface EventsOutcome {
  logged: number;
  delivered: number;
  copies: number;
  problems: string[];
  /** Commit (event timestamp) to first delivery, ms. */
  p50: number;
  p99: number;
}

/** Waits (up to waitMs) for the outbox to empty and every logged event to arrive, then checks. */
export async function checkEvents(
  stack: Stack,
  watch: EventWatch,
  confirmedMeetings: Iterable<string>,
  waitMs = 120_000,
): Promise<EventsOutcome> {
  const client = new CosmosClient({
    endpoint: stack.cosmosEndpoint,
    key: stack.cosmosKey,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  const { receiver } = watch;
  try {
    const deadline = Date.now() + waitMs;
    let logged: Record<string, unknown>[] = [];
    let pending = 0;
    for (;;) {
      logged = await readAll(client, "events");
      pending = (await readAll(client, "outbox")).length;
      const got = new Set(receiver.deliveries.map((d) => d.id));
      if ((pending === 0 && logged.every((e) => got.has(String(e.id)))) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const problems: string[] = [];
    if (pending) problems.push(`${pending} events still in the outbox`);
    const ids = new Set(logged.map((e) => String(e.id)));
    for (const m of await readAll(client, "meetings")) {
      for (let seq = 1; seq <= Number(m.rev); seq++)
        if (!ids.has(eventId(`meeting:${m.id}`, seq))) problems.push(`meeting rev ${seq} committed without its event`);
    }
    for (const id of confirmedMeetings)
      if (!ids.has(eventId(`meeting:${id}`, 1))) problems.push(`confirmed booking ${id} has no meeting.created`);
    const byId = new Map<string, typeof receiver.deliveries>();
    for (const d of receiver.deliveries) byId.set(d.id, [...(byId.get(d.id) ?? []), d]);
    for (const id of ids)
      if (!byId.has(id)) problems.push(`event ${id} never reached the receiver (${await deliveryTrace(client, watch, id)})`);
    for (const [id, copies] of byId) {
      if (!ids.has(id)) problems.push(`received ${id}, which is not in the event log`);
      if (new Set(copies.map((c) => JSON.stringify(c.body))).size > 1) problems.push(`copies of ${id} differ`);
    }
    const unsigned = receiver.deliveries.filter((d) => d.verifiedBy.length === 0).length;
    if (unsigned) problems.push(`${unsigned} deliveries failed signature verification`);
    // An expiry is timestamped when the hold ran out, not when the sweeper committed it: left out of the latency.
    const latencies = [...byId.values()]
      .filter((c) => c[0].body.type !== "reservation.expired")
      .map((c) => c[0].receivedAt - Date.parse(c[0].body.timestamp))
      .sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
    return {
      logged: ids.size,
      delivered: byId.size,
      copies: receiver.deliveries.length - byId.size,
      problems: [...new Set(problems)].slice(0, 50),
      p50: pct(0.5),
      p99: pct(0.99),
    };
  } finally {
    client.dispose();
    await receiver.stop();
  }
}
