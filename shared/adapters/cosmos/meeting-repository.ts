/** Meetings, partitioned by id: point reads and conditional replaces; listings are filtered, paged queries. */
import type { ListScope } from "../../booking/model/caller.js";
import type { Container, SqlParameter } from "@azure/cosmos";
import { MEETING_STATUSES, MeetingDoc } from "../../booking/model/documents.js";
import type { MeetingFilter, MeetingRepository } from "../../booking/model/ports.js";
import { PreconditionFailedError } from "../../kernel/errors.js";
import { isNotFound, isPreconditionFailed } from "./cosmos-errors.js";
import { queryPage } from "./query-page.js";

/** A meeting's subject keys (shared/privacy/subject-keys.ts), written with every write of it; none once it is erased. */
export type SubjectsOf = (meeting: MeetingDoc) => string[];

export class CosmosMeetingRepository implements MeetingRepository {
  constructor(
    private readonly container: Container,
    private readonly subjectsOf?: SubjectsOf,
  ) {}

  private indexed(meeting: MeetingDoc): MeetingDoc {
    if (!this.subjectsOf) return meeting;
    return { ...meeting, subjects: meeting.erasedAt ? [] : this.subjectsOf(meeting) };
  }

  async get(id: string) {
    try {
      const { resource, etag } = await this.container.item(id, id).read<Record<string, unknown>>();
      return resource ? { meeting: MeetingDoc.parse(resource), etag } : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async create(meeting: MeetingDoc) {
    const { etag } = await this.container.items.create(this.indexed(meeting));
    return etag;
  }

  async replace(meeting: MeetingDoc, etag: string) {
    try {
      const res = await this.container
        .item(meeting.id, meeting.id)
        .replace(this.indexed(meeting), { accessCondition: { type: "IfMatch", condition: etag } });
      return res.etag;
    } catch (err) {
      if (isPreconditionFailed(err)) throw new PreconditionFailedError();
      throw err;
    }
  }

  async list(filter: MeetingFilter, limit: number, continuationToken?: string) {
    const found = conditions(filter);
    if (!found) return { items: [] };
    const { where, parameters } = found;
    const query = `SELECT * FROM c${whereClause(where)} ORDER BY c.startDate`;
    const page = await queryPage<MeetingDoc>(this.container, { query, parameters }, { limit, continuationToken });
    return { items: page.resources.map((r) => MeetingDoc.parse(r)), continuationToken: page.continuationToken };
  }

  async count(filter: MeetingFilter) {
    const found = conditions(filter);
    if (!found) return 0;
    const { where, parameters } = found;
    const query = `SELECT VALUE COUNT(1) FROM c${whereClause(where)}`;
    const { resources } = await this.container.items.query<number>({ query, parameters }).fetchAll();
    return resources.reduce((sum, n) => sum + n, 0);
  }

  async window(filter: MeetingFilter, offset: number, limit: number) {
    const found = conditions(filter);
    if (!found || limit <= 0) return [];
    const { where, parameters } = found;
    // Composite index (startDate, id) in config/cosmos-containers.json: a stable total order.
    const order = " ORDER BY c.startDate, c.id";
    if (offset > 0) {
      // Skip by the ordering keys alone (small rows, no OFFSET), then seek past the last one skipped.
      let last: { id: string; startDate: string } | undefined;
      const skip = this.container.items.query<{ id: string; startDate: string }>(
        { query: `SELECT TOP ${Math.floor(offset)} c.id, c.startDate FROM c${whereClause(where)}${order}`, parameters },
        { maxItemCount: Math.min(Math.floor(offset), SKIP_PAGE) },
      );
      while (skip.hasMoreResults()) {
        const { resources } = await skip.fetchNext();
        if (resources.length) last = resources[resources.length - 1];
      }
      if (!last) return [];
      where.push("(c.startDate > @afterStart OR (c.startDate = @afterStart AND c.id > @afterId))");
      parameters.push({ name: "@afterStart", value: last.startDate }, { name: "@afterId", value: last.id });
    }
    const { resources } = await this.container.items
      .query<MeetingDoc>(
        { query: `SELECT TOP ${Math.floor(limit)} * FROM c${whereClause(where)}${order}`, parameters },
        { maxItemCount: Math.floor(limit) },
      )
      .fetchAll();
    return resources.map((r) => MeetingDoc.parse(r));
  }
}

/** Rows per round trip while skipping to a page by its keys. */
const SKIP_PAGE = 1000;

const whereClause = (where: string[]) => (where.length ? ` WHERE ${where.join(" AND ")}` : "");

/** The filter as SQL conditions and parameters; undefined: nothing can match (an empty scope). */
function conditions(filter: MeetingFilter): { where: string[]; parameters: SqlParameter[] } | undefined {
  const where: string[] = [];
  const parameters: SqlParameter[] = [];
  const add = (clause: string, name: string, value: string) => {
    where.push(clause);
    parameters.push({ name, value });
  };
  const statuses = [...new Set(filter.statuses ?? (filter.includeCancelled ? [] : ["Booked"]))];
  if (statuses.length > 0 && statuses.length < MEETING_STATUSES.length) {
    where.push(`c.status IN (${statuses.map((_, i) => `@status${i}`).join(", ")})`);
    statuses.forEach((status, i) => parameters.push({ name: `@status${i}`, value: status }));
  }
  if (filter.confirmationExpiredAt) add("c.confirmation.expiresAt <= @expiredAt", "@expiredAt", filter.confirmationExpiredAt);
  if (filter.employeeId)
    add("(c.employeeId = @employeeId OR ARRAY_CONTAINS(c.additionalEmployees, @employeeId))", "@employeeId", filter.employeeId);
  if (filter.timeSlotId) add("c.timeSlotId = @timeSlotId", "@timeSlotId", filter.timeSlotId);
  if (filter.scope && "none" in filter.scope) return undefined;
  if (filter.scope) where.push(scopeCondition(filter.scope, parameters));
  if (filter.modifiedFrom) add("c.dateModified >= @from", "@from", filter.modifiedFrom);
  if (filter.modifiedTo) add("c.dateModified <= @to", "@to", filter.modifiedTo);
  if (filter.startFrom) add("c.startDate >= @startFrom", "@startFrom", filter.startFrom);
  if (filter.startTo) add("c.startDate <= @startTo", "@startTo", filter.startTo);
  if (filter.withMeetingType) where.push("c.meetingTypeId != null");
  if (filter.customField) {
    where.push("ARRAY_CONTAINS(c.customFields, @customField)");
    parameters.push({ name: "@customField", value: { key: filter.customField.key, value: filter.customField.value } });
  }
  if (filter.ownerWithoutEntity) where.push("c.owner.channel = 'Bot' AND NOT IS_DEFINED(c.owner.entity)");
  return { where, parameters };
}

/** caller.ts inScope, in SQL. */
function scopeCondition(scope: Exclude<ListScope, { none: true }>, parameters: SqlParameter[]): string {
  const param = (name: string, value: string) => (parameters.push({ name, value }), name);
  if ("portalId" in scope) return `c.portalId = ${param("@scopePortal", scope.portalId)}`;
  if ("customerId" in scope) return `c.customerId = ${param("@scopeCustomer", scope.customerId)}`;
  if ("employeeIds" in scope) {
    const names = scope.employeeIds.map((id, i) => param(`@scopeEmployee${i}`, id));
    return `(c.employeeId IN (${names.join(", ")}) OR ${names.map((n) => `ARRAY_CONTAINS(c.additionalEmployees, ${n})`).join(" OR ")})`;
  }
  return `c.owner.entity = ${param("@scopeEntity", scope.ownerEntity)}`;
}
