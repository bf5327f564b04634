/**
 * Which meeting events go to the calendar writer: those of a meeting whose advisor or room syncs its
 * Outlook calendar now or did before the change (a move away must cancel there), or that has an
 * event already (sync switched off later still cancels what BookMe wrote). Point reads only.
 */
import type { DirectoryRepository } from "../booking/model/ports.js";
import type { CalendarWriteOutlet } from "../events/events-deps.js";
import type { OutboxEvent } from "../booking/model/events.js";
import type { CalendarLinkStore } from "./calendar-link.js";
import type { CalendarWriteQueue } from "./write-queue.js";

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

export function calendarWriteOutlet(
  directory: DirectoryRepository,
  links: CalendarLinkStore,
  queue: CalendarWriteQueue,
): CalendarWriteOutlet {
  const syncs = async (employeeId?: string, roomId?: string) => {
    const [employee, room] = await Promise.all([
      employeeId ? directory.get("employee", employeeId) : undefined,
      roomId ? directory.get("room", roomId) : undefined,
    ]);
    return !!employee?.calendarSync || !!(room?.calendarSync && room.mailbox);
  };
  return {
    async wants(event: OutboxEvent) {
      const data = event.data;
      const previous = (data.previous ?? {}) as Record<string, unknown>;
      if (await syncs(str(data.employeeId), str(data.roomId))) return true;
      if (await syncs(str(previous.employeeId), str(previous.roomId))) return true;
      const link = await links.get(event.aggregate.slice("meeting:".length));
      return !!link?.link.eventId;
    },
    send: (meetingId: string) => queue.send({ meetingId, attempt: 1 }),
  };
}
