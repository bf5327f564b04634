/**
 * What the analytics endpoints share: their query (a local date range, a branch, week or month),
 * the advisors the caller may see at the branch, the branch's time zone (its rooms', else its
 * advisors'), the cost cap (advisors x days within QUERY_MAX_RESOURCE_DAYS, as for the grid and
 * availability, checked before any meeting is read), and the meetings of those advisors starting in
 * the range (in the caller's reach, every status).
 */
import { DateTime } from "luxon";
import { z } from "zod";
import type { Employee } from "../../directory/directory.js";
import type { MeetingDoc } from "../../booking/model/documents.js";
import { listScope, type Caller } from "../../booking/model/caller.js";
import { enforceBudget } from "../../booking/queries/query-budget.js";
import { LocalDate, ShortText, TimeZone } from "../../kernel/fields.js";
import { loadQueryLimits } from "../../kernel/settings.js";
import type { HandlerDeps } from "../edge/handler-deps.js";

export const MAX_ANALYTICS_DAYS = 366;
const PAGE = 500;

export const AnalyticsFields = z.object({
  from: LocalDate.describe("First local date (YYYY-MM-DD) in the branch's zone"),
  to: LocalDate.describe(`Last local date, inclusive; at most ${MAX_ANALYTICS_DAYS} days after from`),
  branch: ShortText.optional().describe("A location (an advisor's locations); absent: every advisor the caller sees"),
  period: z.enum(["week", "month"]).default("week").describe("Buckets: Monday-Sunday weeks or calendar months of the zone"),
  timeZone: TimeZone.optional().describe("IANA zone the days are counted in; default the branch's (its rooms', else its advisors')"),
});

/** The range rules (to not before from, at most MAX_ANALYTICS_DAYS), on the fields or an extension of them. */
export function withRangeRules<T extends z.ZodType<{ from: string; to: string }>>(schema: T): T {
  return schema
    .refine((q) => q.to >= q.from, { message: "must not be before from", path: ["to"] })
    .refine((q) => DateTime.fromISO(q.to).diff(DateTime.fromISO(q.from), "days").days < MAX_ANALYTICS_DAYS, {
      message: `the range may span at most ${MAX_ANALYTICS_DAYS} days`,
      path: ["to"],
    });
}

export const AnalyticsQuery = withRangeRules(AnalyticsFields);
export type AnalyticsQuery = z.output<typeof AnalyticsQuery>;

export interface AnalyticsScope {
  employees: Employee[];
  zone: string;
  names: Map<string, string>;
  meetings: MeetingDoc[];
}

/** `lookBackDays`: meetings starting that many days before the range too (utilisation: one started the evening before runs into the first day). */
export async function analyticsScope(
  deps: Pick<HandlerDeps, "directory" | "meetings">,
  caller: Caller | undefined,
  query: Pick<AnalyticsQuery, "from" | "to" | "branch" | "timeZone">,
  lookBackDays = 0,
): Promise<AnalyticsScope> {
  const visible = caller?.branchEmployeeIds ?? (caller?.employeeId ? [caller.employeeId] : undefined);
  const employees = (await deps.directory.list("employee")).filter(
    (e) => (!query.branch || e.locations.includes(query.branch)) && (!visible || visible.includes(e.id)),
  );
  const rooms = query.branch ? (await deps.directory.list("room")).filter((r) => r.location === query.branch) : [];
  const zone = query.timeZone ?? rooms[0]?.timeZone ?? employees[0]?.timeZone ?? "UTC";
  const days = Math.round(DateTime.fromISO(query.to).diff(DateTime.fromISO(query.from), "days").days) + 1;
  enforceBudget({ resources: Math.max(1, employees.length), days }, loadQueryLimits(), "grid");
  const start = DateTime.fromISO(query.from, { zone }).startOf("day");
  const end = DateTime.fromISO(query.to, { zone }).startOf("day").plus({ days: 1 });
  const ids = new Set(employees.map((e) => e.id));
  const meetings: MeetingDoc[] = [];
  let token: string | undefined;
  do {
    const page = await deps.meetings.list(
      {
        startFrom: start.minus({ days: lookBackDays }).toUTC().toISO()!,
        startTo: end.toUTC().toISO()!,
        statuses: [],
        scope: listScope(caller),
      },
      PAGE,
      token,
    );
    meetings.push(...page.items.filter((m) => ids.has(m.employeeId) && Date.parse(m.startDate) < end.toMillis()));
    token = page.continuationToken;
  } while (token);
  return { employees, zone, names: new Map(employees.map((e) => [e.id, e.name])), meetings };
}
