/** GET /meetings/{id}/history: the audit trail of one meeting. */
import { z } from "zod";
import type { AuditEntry } from "../../../booking/model/ports.js";

export const AuditEntryView = z.object({
  seq: z.number().describe("The meeting's revision after the change"),
  action: z.string().describe("meeting.created, meeting.updated, meeting.cancelled or meeting.no_show"),
  at: z.string().describe("When the change committed (UTC)"),
  actor: z
    .object({
      channel: z
        .string()
        .describe("Employee, Portal, Customer, Bot, Backoffice; SelfService (the meeting's secret), Public (booking page), System"),
      tenantId: z.string(),
      clientId: z.string().describe("The client application (azp/appid), or apikey:{id}"),
      userId: z.string().optional().describe("The signed-in user's object id (oid); absent for app-only callers"),
    })
    .describe("Who made the change: ids only"),
});

export function auditEntryView(e: AuditEntry): z.output<typeof AuditEntryView> {
  return { seq: e.seq, action: e.action, at: e.at, actor: e.actor };
}
