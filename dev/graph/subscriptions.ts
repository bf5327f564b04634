/**
 * Change-notification subscriptions on users/{id}/events: the validation handshake on create
 * (POST notificationUrl?validationToken=..., the token echoed as text/plain within 10 s), renewal
 * by PATCH, and notifications with the subscription's clientState, retried a few times.
 */
import { graphError, type ChangeType, type GraphReply } from "./calendar-api.js";
import { newGraphId, type GraphEvent, type GraphStore, type GraphSubscription } from "./store.js";

const MAX_MINUTES = 10_080;
const HANDSHAKE_MS = 10_000;
const RETRY_MS = [1_000, 5_000, 15_000];

export class SubscriptionApi {
  constructor(
    private readonly store: GraphStore,
    private readonly app: { clientId: string; tenantId: string },
    private readonly log: (line: string) => void,
  ) {}

  private expiry(value: unknown): number | GraphReply {
    const at = typeof value === "string" ? Date.parse(value) : NaN;
    if (Number.isNaN(at) || at <= Date.now())
      return graphError(400, "ExtensionError", "Subscription expiration can only be in the future.");
    if (at > Date.now() + MAX_MINUTES * 60_000)
      return graphError(400, "ExtensionError", `Subscription expiration can only be ${MAX_MINUTES} minutes in the future.`);
    return at;
  }

  async create(body: Record<string, unknown>): Promise<GraphReply> {
    const resource = typeof body.resource === "string" ? body.resource.replace(/^\//, "") : "";
    const match = /^users\/([^/]+)\/events$/i.exec(resource);
    if (!match) return graphError(400, "InvalidRequest", "resource must be users/{id}/events.");
    const mailbox = decodeURIComponent(match[1]).toLowerCase();
    if (!this.store.mailboxes.has(mailbox)) return graphError(404, "ResourceNotFound", `The requested user '${mailbox}' is invalid.`);
    const changeType = typeof body.changeType === "string" ? body.changeType : "";
    if (!changeType || !changeType.split(",").every((c) => ["created", "updated", "deleted"].includes(c.trim())))
      return graphError(400, "InvalidRequest", "changeType must list created, updated and/or deleted.");
    const url = typeof body.notificationUrl === "string" ? body.notificationUrl : "";
    if (!/^https?:\/\//.test(url)) return graphError(400, "InvalidRequest", "notificationUrl must be an absolute URL.");
    const expiry = this.expiry(body.expirationDateTime);
    if (typeof expiry !== "number") return expiry;
    if (!(await this.handshake(url)))
      return graphError(
        400,
        "ValidationError",
        "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.",
      );
    const sub: GraphSubscription = {
      id: newGraphId("").slice(0, 36),
      resource,
      mailbox,
      changeType,
      notificationUrl: url,
      clientState: typeof body.clientState === "string" ? body.clientState : undefined,
      expirationDateTime: new Date(expiry).toISOString(),
      applicationId: this.app.clientId,
      latestSupportedTlsVersion: "v1_2",
    };
    this.store.subscriptions.set(sub.id, sub);
    this.store.save();
    return { status: 201, body: this.view(sub) };
  }

  private view(sub: GraphSubscription) {
    const { mailbox: _mailbox, ...rest } = sub;
    return { "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity", ...rest, creatorId: this.app.clientId };
  }

  private async handshake(url: string): Promise<boolean> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${newGraphId("").slice(0, 36)}`;
    const target = new URL(url);
    target.searchParams.set("validationToken", token);
    try {
      const res = await fetch(target, {
        method: "POST",
        headers: { "content-type": "text/plain; charset=utf-8" },
        body: "",
        signal: AbortSignal.timeout(HANDSHAKE_MS),
      });
      return res.status === 200 && (res.headers.get("content-type") ?? "").startsWith("text/plain") && (await res.text()) === token;
    } catch {
      return false;
    }
  }

  get(id: string): GraphReply {
    const sub = this.store.subscriptions.get(id);
    return sub ? { status: 200, body: this.view(sub) } : graphError(404, "ResourceNotFound", "The object was not found.");
  }

  renew(id: string, body: Record<string, unknown>): GraphReply {
    const sub = this.store.subscriptions.get(id);
    if (!sub || Date.parse(sub.expirationDateTime) <= Date.now()) return graphError(404, "ResourceNotFound", "The object was not found.");
    const expiry = this.expiry(body.expirationDateTime);
    if (typeof expiry !== "number") return expiry;
    sub.expirationDateTime = new Date(expiry).toISOString();
    this.store.save();
    return { status: 200, body: this.view(sub) };
  }

  delete(id: string): GraphReply {
    if (!this.store.subscriptions.delete(id)) return graphError(404, "ResourceNotFound", "The object was not found.");
    this.store.save();
    return { status: 204 };
  }

  /** Tells every live subscription on the mailbox's events about a change (expired ones are dropped). */
  notify(mailbox: string, event: GraphEvent, change: ChangeType) {
    for (const sub of [...this.store.subscriptions.values()]) {
      if (Date.parse(sub.expirationDateTime) <= Date.now()) {
        this.store.subscriptions.delete(sub.id);
        continue;
      }
      if (
        sub.mailbox !== mailbox ||
        !sub.changeType
          .split(",")
          .map((c) => c.trim())
          .includes(change)
      )
        continue;
      const resource = `Users/${mailbox}/Events/${event.id}`;
      const notification = {
        subscriptionId: sub.id,
        subscriptionExpirationDateTime: sub.expirationDateTime,
        changeType: change,
        resource,
        resourceData: {
          "@odata.type": "#Microsoft.Graph.Event",
          "@odata.id": resource,
          "@odata.etag": `W/"${event.changeKey}"`,
          id: event.id,
        },
        clientState: sub.clientState ?? null,
        tenantId: this.app.tenantId,
      };
      void this.deliver(sub.notificationUrl, { value: [notification] });
    }
  }

  private async deliver(url: string, payload: unknown, attempt = 0): Promise<void> {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(3_000),
      });
      if (res.status >= 200 && res.status < 300) return;
      this.log(`dev graph: notification answered ${res.status}`);
    } catch {
      this.log("dev graph: notification endpoint unreachable");
    }
    if (attempt < RETRY_MS.length) setTimeout(() => void this.deliver(url, payload, attempt + 1), RETRY_MS[attempt]).unref();
  }
}
