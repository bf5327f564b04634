import { timingSafeEqual } from "node:crypto";
import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { registerRawHttp } from "../../shared/app/register.js";
import type { HandlerDeps } from "../../shared/api/edge/handler-deps.js";
import { problem, PROBLEM_CONTENT_TYPE } from "../../shared/api/edge/problem.js";
import { refreshCoalesced, syncedResources } from "../../shared/calendar/sync.js";

/** Graph expects an answer within a few seconds; a refresh still running then finishes on its own (the timer catches up if not). */
const ANSWER_WITHIN_MS = 2_500;

interface Notification {
  subscriptionId?: unknown;
  clientState?: unknown;
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Graph change notifications for synced mailboxes. Creating a subscription, Graph first POSTs
 * ?validationToken=...: it is echoed as text/plain. A notification counts only when its
 * subscription is ours and its clientState matches the secret stored with it; then the
 * resource's busy times are refreshed from Graph (a notification itself carries no times).
 */
async function handleNotifications(
  request: HttpRequest,
  context: InvocationContext,
  { calendar: deps }: HandlerDeps,
): Promise<HttpResponseInit> {
  const validationToken = request.query.get("validationToken");
  if (validationToken !== null) return { status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: validationToken };
  if (!deps) return { status: 202 };
  let notifications: Notification[];
  try {
    const body = (await request.json()) as { value?: unknown };
    notifications = Array.isArray(body?.value) ? (body.value as Notification[]) : [];
  } catch {
    return {
      status: 400,
      headers: { "content-type": PROBLEM_CONTENT_TYPE },
      body: JSON.stringify(problem(400, "malformed_json", "the body must be a Graph change-notification collection: { value: [...] }")),
    };
  }
  const resources = new Set<string>();
  let rejected = 0;
  for (const n of notifications) {
    const pointer = typeof n.subscriptionId === "string" ? await deps.store.subscriptionById(n.subscriptionId) : undefined;
    if (pointer && typeof n.clientState === "string" && same(pointer.clientState, n.clientState)) resources.add(pointer.resource);
    else rejected++;
  }
  if (rejected)
    context.warn(JSON.stringify({ message: "calendar notifications rejected (unknown subscription or clientState mismatch)", rejected }));
  if (resources.size) {
    const work = syncedResources(deps.directory).then((all) =>
      Promise.all(all.filter((r) => resources.has(r.resource)).map((r) => refreshCoalesced(deps, r))),
    );
    const done = await Promise.race([
      work.then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), ANSWER_WITHIN_MS).unref()),
    ]).catch(() => false);
    context.log(JSON.stringify({ message: "calendar notifications", resources: [...resources], refreshed: done }));
  }
  return { status: 202 };
}

export const calendarNotifications = registerRawHttp({
  name: "calendar-notifications",
  route: "calendar/notifications",
  methods: ["POST"],
  handle: handleNotifications,
});
