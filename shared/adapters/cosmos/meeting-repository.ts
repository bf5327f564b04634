/** Meetings, partitioned by id: point reads and conditional replaces; listings are filtered, paged queries. */
import type { ListScope } from "../../booking/model/caller.js";
import type { Container, SqlParameter } from "@azure/cosmos";
import { MEETING_STATUSES, MeetingDoc } from "../../booking/model/documents.js";
import type { MeetingFilter, MeetingRepository } from "../../booking/model/ports.js";
import { fieldError, isUnavailable, PreconditionFailedError, ValidationError } from "../../kernel/errors.js";
import { isNotFound, isPreconditionFailed } from "./cosmos-errors.js";

export class CosmosMeetingRepository implements MeetingRepository {
  constructor(private readonly container: Container) {}

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
    const { etag } = await this.container.items.create(meeting);
    return etag;
  }

  async replace(meeting: MeetingDoc, etag: string) {
    try {
      const res = await this.container
        .item(meeting.id, meeting.id)
        .replace(meeting, { accessCondition: { type: "IfMatch", condition: etag } });
      return res.etag;
    } catch (err) {
      if (isPreconditionFailed(err)) throw new PreconditionFailedError();
      throw err;
    }
  }

  async list(filter: MeetingFilter, limit: number, continuationToken?: string) {
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
    if (filter.scope && "none" in filter.scope) return { items: [] };
    if (filter.scope) where.push(scopeCondition(filter.scope, parameters));
    if (filter.modifiedFrom) add("c.dateModified >= @from", "@from", filter.modifiedFrom);
    if (filter.modifiedTo) add("c.dateModified <= @to", "@to", filter.modifiedTo);
    const query = `SELECT * FROM c${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY c.startDate`;
    // Cosmos continuation tokens are JSON; anything else was not issued by this API (the embedded
    // server would silently restart from the first page instead of failing).
    if (continuationToken !== undefined && !isJson(continuationToken))
      throw new ValidationError([fieldError("continuationToken", "is not a token this API returned", "format")]);
    let response;
    try {
      response = await this.container.items
        .query<MeetingDoc>({ query, parameters }, { maxItemCount: limit, continuationToken })
        .fetchNext();
    } catch (err) {
      if (continuationToken && !isUnavailable(err))
        throw new ValidationError([fieldError("continuationToken", "is not a token this API returned", "format")]);
      throw err;
    }
    return { items: response.resources.map((r) => MeetingDoc.parse(r)), continuationToken: response.continuationToken || undefined };
  }
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
  return `(c.owner.clientId = ${param("@scopeClient", scope.ownerClientId)} AND c.owner.tenantId = ${param("@scopeTenant", scope.ownerTenantId)})`;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
