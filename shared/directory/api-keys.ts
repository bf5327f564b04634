/** The admin API of the facades' API keys. */
import { z } from "zod";
import { ShortText } from "../kernel/fields.js";

export const API_KEY_SCOPES = ["bookings:read", "bookings:write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const ApiKeyCreate = z.object({
  name: ShortText,
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length),
  /** The channel (client) its bookings are recorded as made through; default: the key's name. */
  channel: z.string().trim().min(1).max(64).optional(),
});
export type ApiKeyCreate = z.output<typeof ApiKeyCreate>;

export const ApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  channel: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export const ApiKeyCreated = ApiKeyView.extend({ key: z.string().describe("The key itself: shown this once, stored only as its SHA-256") });
