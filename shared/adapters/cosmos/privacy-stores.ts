/**
 * The privacy ports on Cosmos DB: the subject index (meetings' `subjects`), the event log and outbox, the
 * idempotency records (found by the meeting ids their stored responses name: `refs`, written by
 * idempotency-repository.ts), the webhook delivery logs, calendar links and, when the container exists,
 * customer messages. Queries only on indexed fields, in small pages; point reads where ids are known.
 */
import type { Container, SqlQuerySpec } from "@azure/cosmos";
import { OutboxEvent } from "../../booking/model/event-schema.js";
import type { DeliveryLine, MessageLine, PrivacyStores, WaitlistLine } from "../../privacy/ports.js";
import { deleteIfExists, isNotFound } from "./cosmos-errors.js";

/** Ids per IN list (Cosmos allows many; small lists keep each query cheap). */
const CHUNK = 50;

const chunks = <T>(items: readonly T[]) =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

function inList(name: string, values: readonly string[]) {
  return {
    clause: `(${values.map((_, i) => `@${name}${i}`).join(", ")})`,
    parameters: values.map((value, i) => ({ name: `@${name}${i}`, value })),
  };
}

async function all<T>(container: Container, spec: SqlQuerySpec): Promise<T[]> {
  const { resources } = await container.items.query<T>(spec, { maxItemCount: 500 }).fetchAll();
  return resources;
}

export interface PrivacyContainers {
  meetings: Container;
  events: Container;
  outbox: Container;
  idempotency: Container;
  deliveries: Container;
  calendarLinks: Container;
  /** shared/messages' container, when deployed. */
  messages?: Container;
  /** The waitlist's container (partition /target), when deployed. */
  waitlist?: Container;
}

export function cosmosPrivacyStores(c: PrivacyContainers): PrivacyStores {
  const readEvent = async (container: Container, id: string) => {
    try {
      const { resource } = await container.item(id, id).read<Record<string, unknown>>();
      return resource ? OutboxEvent.parse(resource) : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  };
  const stores: PrivacyStores = {
    async meetingsOf(subjects) {
      const ids = new Set<string>();
      for (const s of subjects)
        for (const row of await all<{ id: string }>(c.meetings, {
          query: "SELECT c.id FROM c WHERE ARRAY_CONTAINS(c.subjects, @s)",
          parameters: [{ name: "@s", value: s }],
        }))
          ids.add(row.id);
      return [...ids];
    },

    async expiredMeetings(endedBefore, cancelledBefore, limit) {
      const rows = await all<{ id: string }>(c.meetings, {
        query:
          `SELECT TOP ${Math.floor(limit)} c.id FROM c WHERE NOT IS_DEFINED(c.erasedAt) AND ` +
          "((c.status != 'Cancelled' AND c.endDate < @ended) OR (c.status = 'Cancelled' AND c.dateModified < @cancelled))",
        parameters: [
          { name: "@ended", value: endedBefore },
          { name: "@cancelled", value: cancelledBefore },
        ],
      });
      return rows.map((r) => r.id);
    },

    event: (id) => readEvent(c.events, id),

    async rewriteEvent(event) {
      await c.events.items.upsert(event);
      // Still waiting in the outbox: its copy there is replaced too (a dispatched one is gone from it).
      if (await readEvent(c.outbox, event.id))
        await c.outbox
          .item(event.id, event.id)
          .replace(event)
          .catch(() => undefined);
    },

    async deleteIdempotencyOf(meetingIds) {
      let count = 0;
      for (const ids of chunks(meetingIds)) {
        const { clause, parameters } = inList("m", ids);
        const rows = await all<{ id: string }>(c.idempotency, {
          query: `SELECT c.id FROM c JOIN r IN c.refs WHERE r IN ${clause}`,
          parameters,
        });
        for (const id of new Set(rows.map((r) => r.id))) if (await deleteIfExists(c.idempotency, id)) count++;
      }
      return count;
    },

    async deliveriesOf(eventIds) {
      const lines: DeliveryLine[] = [];
      for (const ids of chunks(eventIds)) {
        const { clause, parameters } = inList("e", ids);
        lines.push(
          ...(await all<DeliveryLine>(c.deliveries, {
            query: `SELECT c.subscriptionId, c.eventId, c.eventType, c.attempt, c.at, c.outcome FROM c WHERE c.kind = 'attempt' AND c.eventId IN ${clause}`,
            parameters,
          })),
        );
      }
      return lines.sort((a, b) => a.at.localeCompare(b.at));
    },

    async hasCalendarEvent(meetingId) {
      const id = `calendar-link:${meetingId}`;
      try {
        const { resource } = await c.calendarLinks.item(id, id).read<{ eventId?: string }>();
        return !!resource?.eventId;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
    },
  };
  const messages = c.messages;
  if (messages) {
    stores.messagesOf = async (meetingId) =>
      all<MessageLine>(messages, {
        query: "SELECT c.kind, c.channel, c.status, c.createdAt AS at FROM c WHERE c.meetingId = @m AND STARTSWITH(c.id, 'delivery:')",
        parameters: [{ name: "@m", value: meetingId }],
      });
    stores.deleteRemindersOf = async (meetingId) => {
      const rows = await all<{ id: string }>(messages, {
        query: "SELECT c.id FROM c WHERE c.meetingId = @m AND STARTSWITH(c.id, 'reminder:')",
        parameters: [{ name: "@m", value: meetingId }],
      });
      let count = 0;
      for (const r of rows) if (await deleteIfExists(messages, r.id, meetingId)) count++;
      return count;
    };
  }
  const waitlist = c.waitlist;
  if (waitlist) {
    type Entry = WaitlistLine & { target: string; fromTime: string; toTime: string };
    const entriesOf = async (subjects: string[]) => {
      const found = new Map<string, Entry>();
      for (const s of subjects)
        for (const e of await all<Entry>(waitlist, {
          query: "SELECT * FROM c WHERE c.type = 'waitlist' AND ARRAY_CONTAINS(c.subjects, @s)",
          parameters: [{ name: "@s", value: s }],
        }))
          found.set(e.id, e);
      return [...found.values()];
    };
    stores.waitlistOf = async (subjects) =>
      (await entriesOf(subjects)).map((e) => ({
        id: e.id,
        meetingTypeId: e.meetingTypeId,
        bookingLinkId: e.bookingLinkId ?? null,
        from: e.fromTime,
        to: e.toTime,
        contact: e.contact,
        language: e.language,
        status: e.status,
        offers: e.offers ?? [],
        joinedAt: e.joinedAt,
      }));
    stores.deleteWaitlistOf = async (subjects) => {
      let count = 0;
      for (const e of await entriesOf(subjects)) if (await deleteIfExists(waitlist, e.id, e.target)) count++;
      return count;
    };
  }
  return stores;
}
