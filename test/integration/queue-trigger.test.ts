/**
 * The local host's storage-queue trigger against a real Azurite queue service: decoding, dequeueCount,
 * visibility timeout after a failure, the poison queue, host.json settings.
 */
import { QueueServiceClient } from "@azure/storage-queue";
import type { InvocationContext } from "@azure/functions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAzurite, type RunningAzurite } from "../../dev/azurite.js";
import type { QueueRegistration } from "../../dev/host/functions-core.js";
import { decodeMessage, parseTimeSpan, queueOptions, startQueueListener } from "../../dev/host/queues.js";
import { freePort } from "../../dev/ports.js";

let azurite: RunningAzurite;
let service: QueueServiceClient;
const b64 = (text: string) => Buffer.from(text).toString("base64");
const until = async (check: () => boolean | Promise<boolean>, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
};

beforeAll(async () => {
  azurite = await startAzurite({ port: await freePort(), queuePort: await freePort() });
  process.env.TEST_QUEUE_STORAGE = azurite.connectionString;
  service = QueueServiceClient.fromConnectionString(azurite.connectionString);
});
afterAll(async () => {
  await azurite?.stop();
});

function registration(queueName: string, handler: (message: unknown, context: InvocationContext) => unknown): QueueRegistration {
  return {
    kind: "queue",
    name: `fn-${queueName}`,
    queueName,
    connection: "TEST_QUEUE_STORAGE",
    handler: handler as QueueRegistration["handler"],
  };
}

describe("host.json extensions.queues", () => {
  it("falls back to the Azure defaults", () => {
    expect(queueOptions({})).toEqual({
      batchSize: 16,
      newBatchThreshold: 8,
      maxDequeueCount: 5,
      visibilityTimeout: 0,
      maxPollingInterval: 60_000,
    });
  });
  it("reads time spans and numbers", () => {
    expect(
      queueOptions({
        extensions: { queues: { batchSize: 4, maxDequeueCount: 2, visibilityTimeout: "00:00:03", maxPollingInterval: "00:00:02" } },
      }),
    ).toMatchObject({
      batchSize: 4,
      newBatchThreshold: 2,
      maxDequeueCount: 2,
      visibilityTimeout: 3000,
      maxPollingInterval: 2000,
    });
    expect(parseTimeSpan(2000, 0)).toBe(2000);
    expect(parseTimeSpan("1.00:00:00", 0)).toBe(86_400_000);
    expect(() => queueOptions({ extensions: { queues: { batchSize: 64 } } })).toThrow(/batchSize/);
  });
  it("decodes base64 JSON to its value, other text to a string, and refuses what is not base64", () => {
    expect(decodeMessage(b64('{"a":1}'))).toEqual({ value: { a: 1 } });
    expect(decodeMessage(b64("hello"))).toEqual({ value: "hello" });
    expect(decodeMessage("not base64!")).toBeUndefined();
  });
});

describe("storage-queue trigger on Azurite", () => {
  it("hands over the decoded message with its trigger metadata, then deletes it", async () => {
    const q = service.getQueueClient("t-ok");
    await q.createIfNotExists();
    const seen: Array<{ message: unknown; meta: Record<string, unknown> }> = [];
    const listener = await startQueueListener(
      registration("t-ok", (message, ctx) => void seen.push({ message, meta: ctx.triggerMetadata ?? {} })),
      queueOptions({ extensions: { queues: { maxPollingInterval: "00:00:01" } } }),
      () => {},
    );
    await q.sendMessage(b64(JSON.stringify({ hello: "world" })));
    await until(() => seen.length === 1);
    await listener.stop();
    expect(seen[0].message).toEqual({ hello: "world" });
    expect(seen[0].meta).toMatchObject({ dequeueCount: 1, queueTrigger: { hello: "world" } });
    expect(typeof seen[0].meta.id).toBe("string");
    expect((await q.getProperties()).approximateMessagesCount).toBe(0);
  });

  it("a failing message comes back after visibilityTimeout with a higher dequeueCount, then goes to <queue>-poison", async () => {
    const q = service.getQueueClient("t-fail");
    await q.createIfNotExists();
    const tries: Array<{ count: unknown; at: number }> = [];
    const listener = await startQueueListener(
      registration("t-fail", (_m, ctx) => {
        tries.push({ count: ctx.triggerMetadata?.dequeueCount, at: Date.now() });
        throw new Error("receiver down");
      }),
      queueOptions({ extensions: { queues: { maxDequeueCount: 3, visibilityTimeout: "00:00:01", maxPollingInterval: "00:00:00.200" } } }),
      () => {},
    );
    await q.sendMessage(b64('{"n":1}'));
    const poison = service.getQueueClient("t-fail-poison");
    await until(async () => (await poison.exists()) && (await poison.peekMessages()).peekedMessageItems.length === 1);
    await listener.stop();
    expect(tries.map((t) => t.count)).toEqual([1, 2, 3]);
    expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(900);
    const [poisoned] = (await poison.peekMessages()).peekedMessageItems;
    expect(decodeMessage(poisoned.messageText)).toEqual({ value: { n: 1 } });
    expect((await q.getProperties()).approximateMessagesCount).toBe(0);
  });

  it("a message that is not base64 goes to the poison queue without running the function", async () => {
    const q = service.getQueueClient("t-raw");
    await q.createIfNotExists();
    let runs = 0;
    const listener = await startQueueListener(
      registration("t-raw", () => void runs++),
      queueOptions({ extensions: { queues: { maxPollingInterval: "00:00:00.200" } } }),
      () => {},
    );
    await q.sendMessage("plain text, not base64");
    const poison = service.getQueueClient("t-raw-poison");
    await until(async () => (await poison.exists()) && (await poison.peekMessages()).peekedMessageItems.length === 1);
    await listener.stop();
    expect(runs).toBe(0);
  });

  it("runs up to batchSize messages at once", async () => {
    const q = service.getQueueClient("t-batch");
    await q.createIfNotExists();
    let running = 0;
    let peak = 0;
    let done = 0;
    const listener = await startQueueListener(
      registration("t-batch", async () => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 300));
        running--;
        done++;
      }),
      queueOptions({ extensions: { queues: { batchSize: 4, newBatchThreshold: 0, maxPollingInterval: "00:00:00.200" } } }),
      () => {},
    );
    for (let i = 0; i < 8; i++) await q.sendMessage(b64(`{"i":${i}}`));
    await until(() => done === 8);
    await listener.stop();
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(4);
  });

  it("a long run keeps its message invisible (renewed), and a message whose host died comes back", async () => {
    const q = service.getQueueClient("t-long");
    await q.createIfNotExists();
    const runs: unknown[] = [];
    const fast = queueOptions({ extensions: { queues: { maxPollingInterval: "00:00:00.200" } } });
    const listener = await startQueueListener(
      registration("t-long", async (_m, ctx) => {
        runs.push(ctx.triggerMetadata?.dequeueCount);
        await new Promise((r) => setTimeout(r, 3000));
      }),
      fast,
      () => {},
      2,
    );
    await q.sendMessage(b64('{"long":true}'));
    await until(() => runs.length === 1);
    await new Promise((r) => setTimeout(r, 3500));
    await listener.stop();
    expect(runs).toEqual([1]);
    expect((await q.getProperties()).approximateMessagesCount).toBe(0);

    // A host that took a message and died: nobody renews or deletes it; after the visibility it is delivered again.
    await q.sendMessage(b64('{"orphan":true}'));
    await q.receiveMessages({ numberOfMessages: 1, visibilityTimeout: 2 });
    const again: unknown[] = [];
    const second = await startQueueListener(
      registration("t-long", (_m, ctx) => void again.push(ctx.triggerMetadata?.dequeueCount)),
      fast,
      () => {},
    );
    await until(() => again.length === 1, 10_000);
    await second.stop();
    expect(again).toEqual([2]);
  });
});
