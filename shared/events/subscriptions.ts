/**
 * Webhook subscriptions: URL rules, the server-generated secret (shown once), rotation with a grace
 * period during which the previous secret signs too, and the admin view (never a secret).
 */
import { randomUUID } from "node:crypto";
import { fieldError, NotFoundError, ValidationError } from "../kernel/errors.js";
import { EVENT_TYPES, type EventType } from "../booking/model/events.js";
import type { SubscriptionRepository, WebhookSubscription } from "./ports.js";
import { newSecret } from "./signing.js";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** https only; http only to this machine, and only where the setting allows it (local runs). */
export function checkWebhookUrl(url: string, allowHttpLocalhost: boolean): void {
  const u = new URL(url);
  const fail = (message: string, rule: string) => {
    throw new ValidationError([fieldError("url", message, rule)]);
  };
  if (u.username || u.password) fail("must not carry credentials", "no_credentials");
  if (u.protocol === "https:") return;
  if (u.protocol === "http:" && LOCAL_HOSTS.has(u.hostname) && allowHttpLocalhost) return;
  fail(allowHttpLocalhost ? "must be https (or http to localhost / 127.0.0.1)" : "must be https", "https");
}

export interface SubscriptionInput {
  url: string;
  eventTypes?: EventType[];
  description?: string | null;
  includePersonalData: boolean;
  format?: "bookme" | "meetergo";
}

export function subscriptionView(sub: WebhookSubscription) {
  return {
    id: sub.id,
    url: sub.url,
    eventTypes: sub.eventTypes,
    description: sub.description,
    includePersonalData: sub.includePersonalData,
    format: sub.format,
    status: sub.status,
    disabledReason: sub.disabledReason,
    previousSecretExpiresAt: sub.secrets[1]?.expiresAt ?? null,
    createdAt: sub.createdAt,
    updatedAt: sub.updatedAt,
  };
}

export async function createSubscription(repo: SubscriptionRepository, input: SubscriptionInput, now: number, allowHttpLocalhost: boolean) {
  checkWebhookUrl(input.url, allowHttpLocalhost);
  const stamp = new Date(now).toISOString();
  const secret = newSecret();
  const sub: WebhookSubscription = {
    id: randomUUID(),
    url: input.url,
    eventTypes: input.eventTypes ?? [...EVENT_TYPES],
    description: input.description ?? null,
    includePersonalData: input.includePersonalData,
    format: input.format ?? "bookme",
    status: "active",
    disabledReason: null,
    secrets: [{ secret, createdAt: stamp, expiresAt: null }],
    createdAt: stamp,
    updatedAt: stamp,
  };
  await repo.create(sub);
  return { sub, secret };
}

export async function getSubscription(repo: SubscriptionRepository, id: string): Promise<WebhookSubscription> {
  const sub = await repo.get(id);
  if (!sub) throw new NotFoundError("webhook subscription", id);
  return sub;
}

export async function updateSubscription(
  repo: SubscriptionRepository,
  id: string,
  input: SubscriptionInput & { status: "active" | "disabled" },
  now: number,
  allowHttpLocalhost: boolean,
) {
  checkWebhookUrl(input.url, allowHttpLocalhost);
  const sub = await getSubscription(repo, id);
  const next: WebhookSubscription = {
    ...sub,
    url: input.url,
    eventTypes: input.eventTypes ?? [...EVENT_TYPES],
    description: input.description ?? null,
    includePersonalData: input.includePersonalData,
    format: input.format ?? sub.format,
    status: input.status,
    disabledReason: input.status === "active" ? null : sub.status === "disabled" ? sub.disabledReason : "disabled by an administrator",
    updatedAt: new Date(now).toISOString(),
  };
  await repo.replace(next);
  return next;
}

/** A new secret signs from now on; the current one keeps signing for graceSeconds; older ones are dropped. */
export async function rotateSecret(repo: SubscriptionRepository, id: string, now: number, graceSeconds: number) {
  const sub = await getSubscription(repo, id);
  const stamp = new Date(now).toISOString();
  const secret = newSecret();
  const graceEnd = new Date(now + graceSeconds * 1000).toISOString();
  const [current] = sub.secrets;
  const next: WebhookSubscription = {
    ...sub,
    secrets: [{ secret, createdAt: stamp, expiresAt: null }, ...(current ? [{ ...current, expiresAt: graceEnd }] : [])],
    updatedAt: stamp,
  };
  await repo.replace(next);
  return { sub: next, secret };
}

export function wants(sub: WebhookSubscription, type: EventType): boolean {
  return sub.status === "active" && sub.eventTypes.includes(type);
}
