/**
 * The event log (`events`, kept for replay) and the outbox (`outbox`, events not yet queued), both
 * keyed by the event's deterministic id. A write is create-if-absent in both: the first writer of an
 * event wins and a second write (the sweeper finishing an operation, a retry) changes nothing.
 * The log is written first, so an outbox entry never points at a missing event.
 */
import type { Container } from "@azure/cosmos";
import { OutboxEvent } from "../../booking/model/events.js";
import type { OutboxRepository, Page } from "../../events/ports.js";
import { fieldError, isUnavailable, ValidationError } from "../../kernel/errors.js";
import { deleteIfExists, isConflict, isNotFound } from "./cosmos-errors.js";

async function createIfAbsent(container: Container, doc: { id: string }): Promise<void> {
  try {
    await container.items.create(doc);
  } catch (err) {
    if (!isConflict(err)) throw err;
  }
}

function strip(doc: Record<string, unknown>): OutboxEvent {
  return OutboxEvent.parse(doc);
}

export class CosmosOutboxRepository implements OutboxRepository {
  constructor(
    private readonly events: Container,
    private readonly outbox: Container,
  ) {}

  async add(event: OutboxEvent) {
    await createIfAbsent(this.events, event);
    await createIfAbsent(this.outbox, event);
  }

  async get(id: string) {
    try {
      const { resource } = await this.events.item(id, id).read<Record<string, unknown>>();
      return resource ? strip(resource) : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async pending(limit: number) {
    const { resources } = await this.outbox.items.query("SELECT * FROM c ORDER BY c.timestamp", { maxItemCount: limit }).fetchNext();
    return resources.map(strip);
  }

  async isPending(id: string) {
    try {
      const { resource } = await this.outbox.item(id, id).read<Record<string, unknown>>();
      return resource !== undefined;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async markDispatched(id: string) {
    await deleteIfExists(this.outbox, id);
  }

  async between(from: string, to: string, limit: number, continuationToken?: string): Promise<Page<OutboxEvent>> {
    const query = {
      query: "SELECT * FROM c WHERE c.timestamp >= @from AND c.timestamp <= @to ORDER BY c.timestamp",
      parameters: [
        { name: "@from", value: from },
        { name: "@to", value: to },
      ],
    };
    try {
      const res = await this.events.items.query(query, { maxItemCount: limit, continuationToken }).fetchNext();
      return { items: res.resources.map(strip), continuationToken: res.continuationToken || undefined };
    } catch (err) {
      if (continuationToken && !isUnavailable(err))
        throw new ValidationError([fieldError("continuationToken", "is not a token this API returned", "format")]);
      throw err;
    }
  }
}
