import type { ApiKeyRecord } from "../../booking/model/ports.js";
import { entityOfKey } from "../../directory/api-keys.js";

/** An API key as the admin API shows it: its keyId as id, never the key or its hash. */
export function apiKeyView(r: ApiKeyRecord) {
  return {
    id: r.keyId,
    name: r.name,
    scopes: r.scopes,
    channel: r.channel,
    entity: entityOfKey(r),
    createdAt: r.createdAt,
    revokedAt: r.revokedAt,
  };
}
