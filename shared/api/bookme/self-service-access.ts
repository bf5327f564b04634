/** Self-service endpoints: a caller with the meeting's secret (and no token) reaches that meeting only. */
import type { StoredMeeting } from "../../booking/queries/meeting-lookup.js";
import { meetingBySecret } from "../../booking/commands/self-service.js";
import type { RequestContext } from "../edge/endpoint.js";
import type { HandlerDeps } from "../edge/handler-deps.js";

/** For a secret holder: the meeting when the secret is its own, else not found (no hint). For token callers: undefined. */
export function checkSelfService(deps: HandlerDeps, id: string, ctx: RequestContext): Promise<StoredMeeting | undefined> {
  return ctx.manageSecret === undefined ? Promise.resolve(undefined) : meetingBySecret(deps, id, ctx.manageSecret);
}
