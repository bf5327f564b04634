/**
 * Migration: meetings made on the Bot channel before owners had entities record only who made
 * them (owner.clientId: a Bot client's app id, or apikey:{keyId} for a facade's API key). Each gets
 * owner.entity (client:{appId}, or the key's entity), so every key and client of the entity reaches
 * it and its key still does. Idempotent: a migrated meeting leaves the query; a second run finds
 * nothing. A meeting changed meanwhile (412) is left for the next run. No rev or event: the
 * meeting itself does not change, only how its ownership is recorded.
 */
import { PreconditionFailedError } from "../../kernel/errors.js";
import { clientEntity, entityOfKey } from "../../directory/api-keys.js";
import type { ApiKeyRepository, MeetingRepository } from "../model/ports.js";

export interface OwnerEntitiesReport {
  migrated: number;
  /** Changed by another write while migrating: the next run takes them. */
  skipped: number;
}

const API_KEY_PREFIX = "apikey:";

export async function migrateOwnerEntities(
  deps: { meetings: MeetingRepository; apiKeys: ApiKeyRepository },
  batch = 200,
): Promise<OwnerEntitiesReport> {
  const keys = new Map((await deps.apiKeys.list()).map((k) => [k.keyId, entityOfKey(k)]));
  const entityOf = (clientId: string) =>
    clientId.startsWith(API_KEY_PREFIX)
      ? (keys.get(clientId.slice(API_KEY_PREFIX.length)) ?? entityOfKey({ keyId: clientId.slice(API_KEY_PREFIX.length) }))
      : clientEntity(clientId);
  const report: OwnerEntitiesReport = { migrated: 0, skipped: 0 };
  // Always the first page: migrated meetings leave the query (a continuation token could skip past what is left).
  for (;;) {
    const { items } = await deps.meetings.list({ ownerWithoutEntity: true, statuses: [] }, batch);
    let progressed = 0;
    for (const listed of items) {
      const found = await deps.meetings.get(listed.id);
      const owner = found?.meeting.owner;
      if (!found || !owner || owner.entity !== undefined || owner.channel !== "Bot") continue;
      try {
        await deps.meetings.replace({ ...found.meeting, owner: { ...owner, entity: entityOf(owner.clientId) } }, found.etag);
        report.migrated++;
        progressed++;
      } catch (err) {
        if (!(err instanceof PreconditionFailedError)) throw err;
        report.skipped++;
      }
    }
    if (items.length < batch || progressed === 0) break;
  }
  return report;
}
