/** The owner-entities migration over the in-memory ports: apikey:{id} owners get their key's entity, Bot clients their own; twice changes nothing. */
import { describe, expect, it } from "vitest";
import { migrateOwnerEntities } from "../../../shared/booking/commands/owner-entities.js";
import type { MeetingDoc } from "../../../shared/booking/model/documents.js";
import type { ApiKeyRecord, ApiKeyRepository } from "../../../shared/booking/model/ports.js";
import { memoryStores } from "../../support/memory/stores.js";

const key = (keyId: string, entity?: string): ApiKeyRecord => ({
  id: `hash-${keyId}`,
  keyId,
  name: keyId,
  scopes: ["bookings:read"],
  channel: null,
  ...(entity ? { entity } : {}),
  createdAt: "2030-01-01T00:00:00.000Z",
  revokedAt: null,
});
const apiKeys = (records: ApiKeyRecord[]): ApiKeyRepository => ({
  byHash: async (hash) => records.find((r) => r.id === hash),
  create: async () => undefined,
  list: async () => records,
  revoke: async () => false,
});

function meeting(id: string, owner: MeetingDoc["owner"]): MeetingDoc {
  return {
    id,
    rev: 1,
    status: "Booked",
    apiVersion: "v2",
    bookedBy: "x",
    salesforceId: null,
    customerTypeId: null,
    timeSlotId: null,
    portalId: null,
    cpr: null,
    customFields: [],
    externalAttendees: [],
    title: null,
    description: null,
    videoLink: null,
    additionalEmployees: [],
    roomId: null,
    startDate: "2030-01-08T10:00:00.000Z",
    endDate: "2030-01-08T11:00:00.000Z",
    type: "Online",
    topicId: null,
    employeeId: "e1",
    customerId: "c1",
    dateCreated: "2030-01-01T00:00:00.000Z",
    dateModified: "2030-01-01T00:00:00.000Z",
    holds: [],
    ...(owner ? { owner } : {}),
    secretHash: null,
    cancellationReason: null,
    rescheduledFrom: null,
    history: [],
    meetingTypeId: "t1",
    selectionReason: null,
    confirmation: null,
  };
}

describe("owner-entities migration", () => {
  it("maps apikey:{id} to the key's entity (key:{id} for a key without one) and a Bot client to client:{appId}; others untouched; idempotent", async () => {
    const stores = memoryStores();
    const bot = (clientId: string) => ({ channel: "Bot", tenantId: "bookme", clientId });
    await stores.meetings.create(meeting("m1", bot("apikey:k1")));
    await stores.meetings.create(meeting("m2", bot("apikey:k-old")));
    await stores.meetings.create(meeting("m3", { channel: "Bot", tenantId: "tenant", clientId: "app-1" }));
    await stores.meetings.create(meeting("m4", { channel: "Employee", tenantId: "tenant", clientId: "desk", userId: "u" }));
    await stores.meetings.create(meeting("m5", undefined));
    await stores.meetings.create(meeting("m6", { ...bot("apikey:k1"), entity: "org:already" }));
    const deps = { meetings: stores.meetings, apiKeys: apiKeys([key("k1", "org:acme"), key("k-old")]) };

    expect(await migrateOwnerEntities(deps)).toEqual({ migrated: 3, skipped: 0 });
    const ownerOf = async (id: string) => (await stores.meetings.get(id))?.meeting.owner;
    expect((await ownerOf("m1"))?.entity).toBe("org:acme");
    expect((await ownerOf("m2"))?.entity).toBe("key:k-old");
    expect((await ownerOf("m3"))?.entity).toBe("client:app-1");
    expect((await ownerOf("m4"))?.entity).toBeUndefined();
    expect(await ownerOf("m5")).toBeUndefined();
    expect((await ownerOf("m6"))?.entity).toBe("org:already");
    const rev = (await stores.meetings.get("m1"))!.meeting.rev;

    expect(await migrateOwnerEntities(deps)).toEqual({ migrated: 0, skipped: 0 });
    expect((await stores.meetings.get("m1"))!.meeting.rev).toBe(rev);
  });
});
