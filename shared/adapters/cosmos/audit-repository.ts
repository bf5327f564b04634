/** The audit trail (`audit`, partitioned by meeting): create-only documents, read oldest first. */
import type { Container } from "@azure/cosmos";
import type { AuditEntry, AuditTrail } from "../../booking/model/ports.js";
import { isConflict } from "./cosmos-errors.js";
import { queryPage } from "./query-page.js";

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
    const page = await queryPage<AuditEntry>(this.container, query, { limit, continuationToken, partitionKey: meetingId });
    const items = page.resources.map(({ id, meetingId: m, seq, action, at, actor }) => ({ id, meetingId: m, seq, action, at, actor }));
    return { items, continuationToken: page.continuationToken };
  }
}
