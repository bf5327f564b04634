import type { ApiKeyRecord } from "../../booking/model/ports.js";

/** An API key as the admin API shows it: its keyId as id, never the key or its hash. */
export function apiKeyView(r: ApiKeyRecord) {
  return { id: r.keyId, name: r.name, scopes: r.scopes, channel: r.channel, createdAt: r.createdAt, revokedAt: r.revokedAt };
}
