import { registerEndpoint } from "../../shared/app/register.js";
import { replaceSecret } from "../../shared/booking/commands/self-service.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { IdParams } from "../../shared/kernel/fields.js";
import { SecretView } from "../../shared/api/bookme/schemas/meetings.js";

export const meetingsSecretReplace = registerEndpoint({
  name: "meetings-secret-replace",
  method: "POST",
  route: "meetings/{id}/secret",
  versions: ["v2"],
  permission: "BookMe.Write",
  summary: "A new self-service secret for the meeting (shown once); the previous one stops working",
  tags: ["Meetings"],
  params: IdParams,
  responses: { 200: { description: "The new secret", schema: SecretView }, 404: { description: "No such meeting" } },
  async handle({ params }, ctx, deps): Promise<Reply> {
    const { stored, secret } = await replaceSecret(
      deps,
      { id: params.id, ifMatch: ctx.headers.get("if-match") ?? undefined, caller: ctx.caller, actor: ctx.actor },
      ctx.now,
    );
    return { status: 200, body: { id: stored.meeting.id, secret } };
  },
});
