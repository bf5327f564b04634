/**
 * Calendar links (meeting -> its Outlook event) in the external-busy container, id
 * calendar-link:{meetingId}: beside the busy times of the same sync, so no container is added.
 * Holds the mailbox and Graph ids only: no subject, no attendees.
 */
import type { Container } from "@azure/cosmos";
import { CalendarLink, type CalendarLinkStore } from "../../calendar/calendar-link.js";
import { isConflict, isNotFound, isPreconditionFailed } from "./cosmos-errors.js";

const idOf = (meetingId: string) => `calendar-link:${meetingId}`;

export class CosmosCalendarLinkRepository implements CalendarLinkStore {
  constructor(private readonly container: Container) {}

  async get(meetingId: string) {
    try {
      const { resource } = await this.container.item(idOf(meetingId), idOf(meetingId)).read<Record<string, unknown> & { _etag: string }>();
      return resource ? { link: CalendarLink.parse(resource), etag: resource._etag } : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async put(link: CalendarLink, etag?: string) {
    const id = idOf(link.meetingId);
    const doc = { id, kind: "calendar-link", ...link };
    try {
      if (etag) await this.container.item(id, id).replace(doc, { accessCondition: { type: "IfMatch", condition: etag } });
      else await this.container.items.create(doc);
      return true;
    } catch (err) {
      if (isConflict(err) || isPreconditionFailed(err) || (etag && isNotFound(err))) return false;
      throw err;
    }
  }
}
