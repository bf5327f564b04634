import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { newApiKey } from "../../shared/api/edge/api-key-auth.js";
import { apiKeyView } from "../../shared/api/bookme/api-key-view.js";
import { ApiKeyCreate, ApiKeyCreated, clientEntity } from "../../shared/directory/api-keys.js";
import { fieldError, ValidationError } from "../../shared/kernel/errors.js";

export const configApiKeysCreate = registerEndpoint({
  name: "config-api-keys-create",
  method: "POST",
  route: "config/api-keys",
  versions: ["v2"],
  permission: "BookMe.Admin",
  summary:
    "Create an API key for the seed-compatible APIs (meetergo-style, Bookings API for bots); the key is shown this once. It belongs to an entity: every key of it reaches its bookings",
  tags: ["Config"],
  body: ApiKeyCreate,
  responses: {
    201: { description: "Created: the key (shown once; stored only as its SHA-256)", schema: ApiKeyCreated },
  },
  async handle({ body }, ctx, deps): Promise<Reply> {
    const input = body;
    const entity = input.entity ?? (ctx.caller ? clientEntity(ctx.caller.clientId) : "org:bookme");
    if (input.entity?.startsWith("client:")) {
      const client = await deps.directory.get("client", input.entity.slice("client:".length));
      if (client?.channel !== "Bot")
        throw new ValidationError([fieldError("entity", "client:{appId} must name a registered client of the Bot channel", "bot_client")]);
    }
    const { key, record } = newApiKey({ name: input.name, scopes: input.scopes, channel: input.channel ?? input.name, entity }, ctx.now);
    await deps.apiKeys.create(record);
    ctx.log.info("api key created", { keyId: record.keyId });
    return { status: 201, body: { ...apiKeyView(record), key }, headers: { location: `/api/v2/bookme/config/api-keys/${record.keyId}` } };
  },
});
