/**
 * API keys of the seed-compatible facades (meetergo-style and the Bookings API for bots): the
 * clients written for those systems send `Authorization: Bearer <api key>` and no subscription key.
 * A key is high entropy, shown once and stored only as its SHA-256 (the record's id), so checking
 * one is a single point read; a revoked key stops working at once.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { ApiKeyRecord, ApiKeyRepository } from "../../booking/model/ports.js";
import { AuthError } from "./auth.js";

import { entityOfKey, type ApiKeyScope } from "../../directory/api-keys.js";

export type { ApiKeyScope };

export interface ApiKeyPrincipal {
  keyId: string;
  name: string;
  channel: string | null;
  /** The entity whose bookings the key reaches (directory/api-keys.ts). */
  entity: string;
}

export const hashApiKey = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

/** A new key: "bmk_" and 32 random bytes (base64url). */
export function newApiKey(
  input: { name: string; scopes: string[]; channel?: string | null; entity: string },
  now: number,
  key = `bmk_${randomBytes(32).toString("base64url")}`,
): { key: string; record: ApiKeyRecord } {
  const record: ApiKeyRecord = {
    id: hashApiKey(key),
    keyId: randomUUID(),
    name: input.name,
    scopes: [...new Set(input.scopes)].sort(),
    channel: input.channel ?? null,
    entity: input.entity,
    createdAt: new Date(now).toISOString(),
    revokedAt: null,
  };
  return { key, record };
}

export async function authenticateApiKey(
  keys: ApiKeyRepository,
  authorization: string | null,
  scope: ApiKeyScope,
): Promise<ApiKeyPrincipal> {
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization.trim()) : null;
  if (!match) throw new AuthError("unauthorized", "an Authorization: Bearer <api key> header is required", 'Bearer realm="bookme-api-key"');
  const record = await keys.byHash(hashApiKey(match[1]));
  if (!record || record.revokedAt)
    throw new AuthError(
      "unauthorized",
      "the API key is not valid or has been revoked",
      'Bearer realm="bookme-api-key", error="invalid_token"',
    );
  if (!record.scopes.includes(scope)) throw new AuthError("forbidden", `this operation needs an API key with the scope ${scope}`);
  return { keyId: record.keyId, name: record.name, channel: record.channel, entity: entityOfKey(record) };
}
