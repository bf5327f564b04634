/**
 * Storage-queue triggers (app.storageQueue) against Azurite's queue service, as the Azure host's
 * queue listener does it:
 * - polls with a randomized exponential backoff from 100 ms up to `maxPollingInterval` while the
 *   queue is empty, and at once again after a message was found;
 * - takes up to `batchSize` messages per poll, invisible for 10 minutes while they run (renewed at
 *   half time, so a long run keeps its message; a host that dies lets it reappear), and polls for
 *   more once no more than `newBatchThreshold` are still running;
 * - decodes the message from base64 (the host's default `messageEncoding`); JSON text reaches the
 *   handler as the parsed value, other text as a string; a message that is not base64 goes to the
 *   poison queue;
 * - success deletes the message; a failure makes it visible again after `visibilityTimeout`; a message
 *   that fails its `maxDequeueCount`-th delivery (or arrives with a higher dequeueCount) is copied to
 *   `<queue>-poison` and deleted;
 * - triggerMetadata carries id, queueTrigger, dequeueCount, insertionTime, expirationTime,
 *   nextVisibleTime and popReceipt.
 * Settings come from host.json `extensions.queues` (defaults as in Azure).
 */
import { randomUUID } from "node:crypto";
import azureFunctions from "@azure/functions";
import { QueueServiceClient, type DequeuedMessageItem, type QueueClient } from "@azure/storage-queue";
import type { QueueRegistration } from "./functions-core.js";

const { InvocationContext } = azureFunctions;

export interface QueueOptions {
  batchSize: number;
  newBatchThreshold: number;
  maxDequeueCount: number;
  /** ms */
  visibilityTimeout: number;
  /** ms */
  maxPollingInterval: number;
}

const MIN_POLL_MS = 100;
/** The host keeps a message invisible this long while its function runs (tests of a killed host shorten it). */
const PROCESSING_VISIBILITY_SECONDS = 600;

/** host.json time spans: "hh:mm:ss" (or "d.hh:mm:ss"), or a number of milliseconds. */
export function parseTimeSpan(value: unknown, fallbackMs: number): number {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return fallbackMs;
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new Error(`host.json: '${value}' is not a time span (hh:mm:ss)`);
  const [, d = "0", h, min, s, frac = "0"] = m;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000 + Math.round(Number(`0.${frac}`) * 1000);
}

/** host.json `extensions.queues`, with the Azure defaults for what it leaves out. */
export function queueOptions(hostJson: { extensions?: { queues?: Record<string, unknown> } }): QueueOptions {
  const q = hostJson.extensions?.queues ?? {};
  const batchSize = Number(q.batchSize ?? 16);
  if (!(batchSize >= 1 && batchSize <= 32)) throw new Error("host.json: extensions.queues.batchSize must be 1..32");
  return {
    batchSize,
    newBatchThreshold: Number(q.newBatchThreshold ?? Math.floor(batchSize / 2)),
    maxDequeueCount: Number(q.maxDequeueCount ?? 5),
    visibilityTimeout: parseTimeSpan(q.visibilityTimeout, 0),
    maxPollingInterval: Math.max(MIN_POLL_MS, parseTimeSpan(q.maxPollingInterval, 60_000)),
  };
}

/** `%NAME%` in a queue name is an app setting, as in the host's binding expressions. */
export function resolveQueueName(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return name.replace(/%([^%]+)%/g, (_, key: string) => {
    const value = env[key];
    if (!value) throw new Error(`queue name ${name}: app setting ${key} is not set`);
    return value;
  });
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The host's base64 decoding: undefined when the text is not base64. JSON becomes its value. */
export function decodeMessage(text: string): { value: unknown } | undefined {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const decoded = Buffer.from(text, "base64").toString("utf8");
  const trimmed = decoded.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return { value: JSON.parse(trimmed) };
    } catch {
      // not JSON after all: the handler gets the text
    }
  }
  return { value: decoded };
}

/** Randomized exponential backoff between empty polls, as the host's polling strategy. */
export function nextPollDelay(current: number, max: number): number {
  const doubled = Math.min(max, Math.max(MIN_POLL_MS, current * 2));
  return Math.round(Math.min(max, doubled * (0.8 + Math.random() * 0.4)));
}

export interface RunningQueueListener {
  name: string;
  queueName: string;
  stop(): Promise<void>;
}

export async function startQueueListener(
  fn: QueueRegistration,
  options: QueueOptions,
  log: (line: string) => void,
  processingVisibilitySeconds = PROCESSING_VISIBILITY_SECONDS,
): Promise<RunningQueueListener> {
  const connectionString = process.env[fn.connection];
  if (!connectionString) throw new Error(`queue trigger ${fn.name}: app setting ${fn.connection} is not set`);
  const service = QueueServiceClient.fromConnectionString(connectionString);
  const queueName = resolveQueueName(fn.queueName);
  const queue = service.getQueueClient(queueName);
  const poison = service.getQueueClient(`${queueName}-poison`);
  await queue.createIfNotExists();

  let stopped = false;
  let wake: (() => void) | undefined;
  const inFlight = new Set<Promise<void>>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => (clearTimeout(t), resolve());
    });

  const toPoison = async (message: DequeuedMessageItem) => {
    await poison.createIfNotExists();
    await poison.sendMessage(message.messageText);
    await queue.deleteMessage(message.messageId, message.popReceipt);
    log(`[queue] ${fn.name}: message ${message.messageId} moved to ${queueName}-poison after ${message.dequeueCount} dequeues`);
  };

  /** Keeps the message invisible while the function runs; the pop receipt changes with each renewal. */
  const keepInvisible = (message: DequeuedMessageItem) => {
    const timer = setInterval(
      () => {
        queue.updateMessage(message.messageId, message.popReceipt, undefined, processingVisibilitySeconds).then(
          (res) => void (message.popReceipt = res.popReceipt ?? message.popReceipt),
          () => undefined,
        );
      },
      (processingVisibilitySeconds * 1000) / 2,
    );
    timer.unref();
    return () => clearInterval(timer);
  };

  const processMessage = async (message: DequeuedMessageItem) => {
    if (message.dequeueCount > options.maxDequeueCount) return toPoison(message);
    const decoded = decodeMessage(message.messageText);
    if (!decoded) return toPoison(message);
    const context = new InvocationContext({
      functionName: fn.name,
      invocationId: randomUUID(),
      triggerMetadata: {
        id: message.messageId,
        queueTrigger: decoded.value,
        dequeueCount: message.dequeueCount,
        popReceipt: message.popReceipt,
        insertionTime: message.insertedOn.toISOString(),
        expirationTime: message.expiresOn.toISOString(),
        nextVisibleTime: message.nextVisibleOn.toISOString(),
      },
      logHandler: (level, ...args) => log(`[${level}] ${fn.name}: ${args.map(String).join(" ")}`),
    });
    const renewal = keepInvisible(message);
    try {
      await fn.handler(decoded.value, context);
    } catch (err) {
      renewal();
      log(`[error] ${fn.name}: failed (dequeueCount ${message.dequeueCount}): ${(err as Error)?.message ?? err}`);
      if (message.dequeueCount >= options.maxDequeueCount) return toPoison(message);
      await queue.updateMessage(message.messageId, message.popReceipt, undefined, Math.round(options.visibilityTimeout / 1000));
      return;
    }
    renewal();
    await queue.deleteMessage(message.messageId, message.popReceipt);
  };

  const track = (message: DequeuedMessageItem) => {
    const p = processMessage(message)
      .catch((err) => log(`[error] ${fn.name}: queue bookkeeping failed: ${(err as Error)?.message ?? err}`))
      .finally(() => {
        inFlight.delete(p);
        wake?.();
      });
    inFlight.add(p);
  };

  const loop = async (queueClient: QueueClient) => {
    let delay = MIN_POLL_MS;
    while (!stopped) {
      if (inFlight.size > options.newBatchThreshold) {
        await sleep(options.maxPollingInterval);
        continue;
      }
      let messages: DequeuedMessageItem[] = [];
      try {
        const res = await queueClient.receiveMessages({
          numberOfMessages: options.batchSize,
          visibilityTimeout: processingVisibilitySeconds,
        });
        messages = res.receivedMessageItems;
      } catch (err) {
        log(`[queue] ${fn.name}: polling ${queueName} failed: ${(err as Error)?.message ?? err}`);
      }
      if (stopped) break;
      if (messages.length > 0) {
        delay = MIN_POLL_MS;
        for (const m of messages) track(m);
        continue;
      }
      delay = nextPollDelay(delay, options.maxPollingInterval);
      await sleep(delay);
    }
  };

  const running = loop(queue);
  return {
    name: fn.name,
    queueName,
    async stop() {
      stopped = true;
      wake?.();
      await running;
      await Promise.all([...inFlight]);
    },
  };
}
