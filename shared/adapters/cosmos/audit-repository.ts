/** The audit trail (`audit`, partitioned by meeting): create-only documents, read oldest first. */
import type { Container } from "@azure/cosmos";
import type { AuditEntry, AuditTrail } from "../../booking/model/ports.js";
import { fieldError, isUnavailable, ValidationError } from "../../kernel/errors.js";
import { isConflict } from "./cosmos-errors.js";

export class CosmosAuditTrail implements AuditTrail {
  constructor(private readonly container: Container) {}

  async append(entry: AuditEntry) {
    try {
      await this.container.items.create(entry);
    } catch (err) {
      if (!isConflict(err)) throw err;
    }
  }

  async forMeeting(meetingId: string, limit: number, continuationToken?: string) {
    const query = { query: "SELECT * FROM c WHERE c.meetingId = @id ORDER BY c.seq", parameters: [{ name: "@id", value: meetingId }] };
    try {
      const res = await this.container.items
        .query<AuditEntry & Record<string, unknown>>(query, { partitionKey: meetingId, maxItemCount: limit, continuationToken })
        .fetchNext();
      const items = res.resources.map(({ id, meetingId: m, seq, action, at, actor }) => ({ id, meetingId: m, seq, action, at, actor }));
      return { items, continuationToken: res.continuationToken || undefined };
    } catch (err) {
      if (continuationToken && !isUnavailable(err))
        throw new ValidationError([fieldError("continuationToken", "is not a token this API returned", "format")]);
      throw err;
    }
  }
}
