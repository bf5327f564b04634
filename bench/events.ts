/**
 * Events benchmark: `npm run bench:events` (builds first). Starts the local stack (embedded Cosmos,
 * Azurite with its queue service, one local Functions host), subscribes a receiver that verifies
 * every signature, then writes events into the outbox as the write path does and measures:
 * - burst: N events at once: delivered events per second through dispatcher, queue and POST;
 * - steady: a fixed rate for a while: commit (outbox write) to delivery, p50 / p99 / max.
 *
 *   node dist/bench/events.js [--burst 500] [--rate 20] [--seconds 15]
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { CosmosClient } from "@azure/cosmos";
import { startStack } from "../dev/stack.js";
import { WebhookReceiver } from "../dev/webhook-receiver.js";
import { meetingCreated } from "../shared/booking/model/events.js";
import type { MeetingDoc } from "../shared/booking/model/documents.js";
import { ensureContainers } from "../shared/adapters/cosmos/cosmos.js";
import { CosmosOutboxRepository } from "../shared/adapters/cosmos/outbox-repository.js";
import { fixed, formatTable } from "./lib/table.js";

const { values: args } = parseArgs({
  options: {
    burst: { type: "string", default: "500" },
    rate: { type: "string", default: "20" },
    seconds: { type: "string", default: "15" },
  },
});

function meeting(): MeetingDoc {
  const stamp = new Date().toISOString();
  return {
    id: randomUUID(),
    rev: 1,
    status: "Booked",
    apiVersion: "v2",
    bookedBy: "Customer",
    salesforceId: "sf",
    customerTypeId: null,
    timeSlotId: null,
    portalId: null,
    cpr: null,
    customFields: [],
    externalAttendees: [],
    title: "Bench",
    description: null,
    videoLink: null,
    additionalEmployees: [],
    roomId: null,
    startDate: "2027-01-04T09:00:00.000Z",
    endDate: "2027-01-04T10:00:00.000Z",
    type: "Online",
    topicId: null,
    employeeId: randomUUID(),
    customerId: "c",
    dateCreated: stamp,
    dateModified: stamp,
    confirmation: null,
    secretHash: null,
    cancellationReason: null,
    rescheduledFrom: null,
    history: [],
    meetingTypeId: null,
    selectionReason: null,
    holds: [],
  };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

async function main() {
  const stack = await startStack({ hosts: 1 });
  const receiver = await new WebhookReceiver().start();
  const client = new CosmosClient({
    endpoint: stack.cosmosEndpoint,
    key: stack.cosmosKey,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  try {
    const c = await ensureContainers(client, "bookme");
    const outbox = new CosmosOutboxRepository(c.events, c.outbox);
    const res = await fetch(`${stack.base}/config/webhooks`, {
      method: "POST",
      headers: await stack.headers(),
      body: JSON.stringify({ url: receiver.url }),
    });
    receiver.secrets = [((await res.json()) as { secret: string }).secret];
    const written = new Map<string, number>();
    const write = async () => {
      const e = meetingCreated(meeting());
      written.set(e.id, Date.now());
      await outbox.add(e);
    };
    const latencies = (ids: string[]) => ids.map((id) => receiver.of(id)[0].receivedAt - written.get(id)!).sort((a, b) => a - b);

    const burst = Number(args.burst);
    const t0 = Date.now();
    for (let i = 0; i < burst; i += 16) await Promise.all(Array.from({ length: Math.min(16, burst - i) }, write));
    const burstIds = [...written.keys()];
    await receiver.waitFor(() => burstIds.every((id) => receiver.of(id).length > 0), 600_000);
    const burstMs = Math.max(...burstIds.map((id) => receiver.of(id)[0].receivedAt)) - t0;

    const rate = Number(args.rate);
    const seconds = Number(args.seconds);
    const before = new Set(written.keys());
    for (let s = 0; s < seconds * rate; s++) {
      void write();
      await new Promise((r) => setTimeout(r, 1000 / rate));
    }
    const steadyIds = [...written.keys()].filter((id) => !before.has(id));
    await receiver.waitFor(() => steadyIds.every((id) => receiver.of(id).length > 0), 600_000);

    const b = latencies(burstIds);
    const st = latencies(steadyIds);
    const unsigned = receiver.deliveries.filter((d) => d.verifiedBy.length === 0).length;
    console.log(
      "\n" +
        formatTable(
          ["phase", "events", "delivered/s", "p50 ms", "p99 ms", "max ms"],
          [
            [
              `burst of ${burst}`,
              burst,
              fixed(burst / (burstMs / 1000)),
              fixed(pct(b, 0.5), 0),
              fixed(pct(b, 0.99), 0),
              fixed(b.at(-1)!, 0),
            ],
            [
              `steady ${rate}/s for ${seconds} s`,
              steadyIds.length,
              fixed(steadyIds.length / seconds),
              fixed(pct(st, 0.5), 0),
              fixed(pct(st, 0.99), 0),
              fixed(st.at(-1)!, 0),
            ],
          ],
        ),
    );
    console.log(
      `\nlatency = outbox write (the commit) to the receiver's first copy; ${receiver.deliveries.length - written.size} extra copies; ${unsigned} deliveries failed verification`,
    );
  } finally {
    client.dispose();
    await receiver.stop();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
