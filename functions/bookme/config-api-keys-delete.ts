import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { NotFoundError } from "../../shared/kernel/errors.js";
import { IdParams } from "../../shared/kernel/fields.js";

export const configApiKeysDelete = registerEndpoint({
  name: "config-api-keys-delete",
  method: "DELETE",
  route: "config/api-keys/{id}",
  versions: ["v2"],
  permission: "BookMe.Admin",
  summary: "Revoke an API key: it stops working at once",
  tags: ["Config"],
  params: IdParams,
  responses: { 204: { description: "Revoked" }, 404: { description: "No live key has this id" } },
  async handle({ params }, ctx, deps): Promise<Reply> {
    if (!(await deps.apiKeys.revoke(params.id, new Date(ctx.now).toISOString()))) throw new NotFoundError("API key", params.id);
    ctx.log.info("api key revoked", { keyId: params.id });
    return { status: 204 };
  },
});
