import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { apiKeyView } from "../../shared/api/bookme/api-key-view.js";
import { ApiKeyView } from "../../shared/directory/api-keys.js";

export const configApiKeysList = registerEndpoint({
  name: "config-api-keys-list",
  method: "GET",
  route: "config/api-keys",
  versions: ["v2"],
  permission: "BookMe.Admin",
  summary: "The API keys (never the keys themselves), revoked ones with revokedAt",
  tags: ["Config"],
  responses: { 200: { description: "All API keys, oldest first", schema: z.array(ApiKeyView) } },
  async handle(_input, _ctx, deps): Promise<Reply> {
    return { status: 200, body: (await deps.apiKeys.list()).map(apiKeyView) };
  },
});
