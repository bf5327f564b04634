import { registerEndpoint } from "../../shared/app/register.js";
import { replaceSecret } from "../../shared/booking/commands/self-service.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { IdParams } from "../../shared/kernel/fields.js";

export const meetingsSecretRevoke = registerEndpoint({
  name: "meetings-secret-revoke",
  method: "DELETE",
  route: "meetings/{id}/secret",
  versions: ["v2"],
  permission: "BookMe.Write",
  summary: "Revoke the meeting's self-service secret",
  tags: ["Meetings"],
  params: IdParams,
  responses: { 204: { description: "Revoked" }, 404: { description: "No such meeting" } },
  async handle({ params }, ctx, deps): Promise<Reply> {
    await replaceSecret(
      deps,
      { id: params.id, ifMatch: ctx.headers.get("if-match") ?? undefined, revoke: true, caller: ctx.caller, actor: ctx.actor },
      ctx.now,
    );
    return { status: 204 };
  },
});
