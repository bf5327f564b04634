/**
 * The waitlist's store on the `waitlist` container (partition key /target = mt:{meetingTypeId} or tp:{topicId}):
 * create-if-absent, point reads by id (the target is in the id), replace with If-Match, and the
 * open entries of one target overlapping a time (one single-partition query).
 */
import type { Container } from "@azure/cosmos";
import { targetOfEntryId, WaitlistEntry, type StoredEntry, type WaitlistStore } from "../../messages/waitlist.js";
import { isNotFound, isPreconditionFailed } from "./cosmos-errors.js";

type Raw = Record<string, unknown> & { _etag?: string };

const storedOf = (r: Raw): StoredEntry => ({ doc: WaitlistEntry.parse(r), etag: r._etag ?? "" });

export class CosmosWaitlistStore implements WaitlistStore {
  constructor(private readonly container: Container) {}

  async create(entry: WaitlistEntry) {
    await this.container.items.create(entry);
  }

  async get(id: string) {
    const target = targetOfEntryId(id);
    if (!target) return undefined;
    try {
      const { resource } = await this.container.item(id, target).read<Raw>();
      return resource ? storedOf(resource) : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async replace(entry: WaitlistEntry, etag: string) {
    try {
      const { resource } = await this.container
        .item(entry.id, entry.target)
        .replace<Raw>(entry as unknown as Raw, { accessCondition: { type: "IfMatch", condition: etag } });
      return resource?._etag ?? undefined;
    } catch (err) {
      if (isPreconditionFailed(err) || isNotFound(err)) return undefined;
      throw err;
    }
  }

  async delete(id: string) {
    const target = targetOfEntryId(id);
    if (!target) return false;
    try {
      await this.container.item(id, target).delete();
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async open(target: string, start: string, end: string) {
    const { resources } = await this.container.items
      .query<Raw>(
        {
          query:
            "SELECT * FROM c WHERE c.target = @t AND c.type = 'waitlist' AND (c.status = 'waiting' OR c.status = 'offered') AND c.fromTime < @end AND c.toTime > @start",
          parameters: [
            { name: "@t", value: target },
            { name: "@start", value: start },
            { name: "@end", value: end },
          ],
        },
        { partitionKey: target },
      )
      .fetchAll();
    return resources.map(storedOf);
  }

  async ofSubjects(subjects: string[]) {
    const found = new Map<string, WaitlistEntry>();
    for (const s of subjects) {
      const { resources } = await this.container.items
        .query<Raw>({
          query: "SELECT * FROM c WHERE c.type = 'waitlist' AND ARRAY_CONTAINS(c.subjects, @s)",
          parameters: [{ name: "@s", value: s }],
        })
        .fetchAll();
      for (const r of resources) found.set(String(r.id), storedOf(r).doc);
    }
    return [...found.values()];
  }
}
