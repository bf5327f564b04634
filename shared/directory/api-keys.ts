/** The admin API of the facades' API keys. */
import { z } from "zod";
import { ShortText } from "../kernel/fields.js";

export const API_KEY_SCOPES = ["bookings:read", "bookings:write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * The entity an API key belongs to: a registered client of the Bot channel (`client:{appId}`) or an
 * organisation named when the key is made (`org:{name}`). Every key of an entity reaches that
 * entity's bookings (each with its own scopes); another entity's key reads them as missing (404).
 */
export const EntityId = z
  .string()
  .trim()
  .regex(/^(client:[A-Za-z0-9._-]{1,100}|org:[a-z0-9]+(-[a-z0-9]+)*)$/, {
    message: "must be client:{appId} (a registered Bot client) or org:{name} (lowercase letters and digits, single hyphens)",
  })
  .max(104);
export type EntityId = z.output<typeof EntityId>;

/** A registered client's own entity. */
export const clientEntity = (clientId: string): EntityId => `client:${clientId}`;
/** The entity of a key made before keys had entities: the key alone (its meetings stay its own). */
export const keyEntity = (keyId: string): EntityId => `key:${keyId}`;

/** The entity a stored key belongs to. */
export const entityOfKey = (key: { keyId: string; entity?: string }): EntityId => key.entity ?? keyEntity(key.keyId);

export const ApiKeyCreate = z.object({
  name: ShortText,
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length),
  /** The channel (client) its bookings are recorded as made through; default: the key's name. */
  channel: z.string().trim().min(1).max(64).optional(),
  /** Whose bookings the key reaches; default: the creating client's own entity (client:{its appId}). */
  entity: EntityId.optional().describe("client:{appId} (a registered Bot client) or org:{name}; default: the creating client's"),
});
export type ApiKeyCreate = z.output<typeof ApiKeyCreate>;

export const ApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  channel: z.string().nullable(),
  entity: z
    .string()
    .describe("The entity whose bookings the key reaches (client:{appId}, org:{name}; key:{id} for keys made before entities)"),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export const ApiKeyCreated = ApiKeyView.extend({ key: z.string().describe("The key itself: shown this once, stored only as its SHA-256") });
