/**
 * The waitlist's dependencies over the booking services: its Cosmos store, the subject keys of a
 * contact, and for the offers the free times of a meeting type (shared/api/facades/core-calls.ts) or
 * of a booking page choice (shared/api/public), the booking path's own rules, and which meeting types
 * and topics may take a freed advisor.
 */
import type { Container } from "@azure/cosmos";
import { CosmosWaitlistStore } from "../adapters/cosmos/waitlist-repository.js";
import { meetingTypeTimes } from "../api/facades/core-calls.js";
import type { BookingDeps } from "../booking/write/deps.js";
import type { MessagesDeps } from "../messages/deps.js";
import { targetOf, topicTargetOf, type WaitlistAccess, type WaitlistDeps } from "../messages/waitlist.js";
import { customerTimes } from "../api/public/public-booking.js";
import type { CustomerChoice } from "../api/public/schemas.js";
import type { SubjectKeyer } from "../privacy/subject-keys.js";

export function waitlistDeps(container: Container, booking: BookingDeps, keyer: SubjectKeyer): WaitlistDeps & WaitlistAccess {
  const store = new CosmosWaitlistStore(container);
  return {
    store,
    subjectKeys: (contact) => [
      ...(contact.email ? [keyer.keyOf({ email: contact.email })] : []),
      ...(contact.phone ? [keyer.keyOf({ phone: contact.phone })] : []),
    ],
    freeTimes: (entry, startMs, endMs, now) =>
      entry.choice
        ? customerTimes(booking, entry.choice as CustomerChoice, startMs, endMs, now)
        : meetingTypeTimes(
            booking,
            {
              meetingTypeId: entry.meetingTypeId ?? "",
              startMs,
              endMs,
              ...(entry.durationMinutes ? { durationMinutes: entry.durationMinutes } : {}),
            },
            now,
          ),
    async targetsFor(freed) {
      const [types, employees] = await Promise.all([
        freed.employeeIds.length ? booking.directory.list("meetingType") : Promise.resolve([]),
        Promise.all(freed.employeeIds.map((id) => booking.directory.get("employee", id))),
      ]);
      const groups = new Set(employees.flatMap((e) => e?.serviceGroups ?? []));
      const poolTypes = types.filter(
        (t) => t.pool.employeeIds.some((id) => freed.employeeIds.includes(id)) || (t.pool.serviceGroup && groups.has(t.pool.serviceGroup)),
      );
      const topics = employees.flatMap((e) => e?.topicIds ?? []);
      return [
        ...new Set([
          ...(freed.meetingTypeId ? [targetOf(freed.meetingTypeId)] : []),
          ...poolTypes.map((t) => targetOf(t.id)),
          ...(freed.topicId ? [topicTargetOf(freed.topicId)] : []),
          ...topics.map(topicTargetOf),
        ]),
      ];
    },
  };
}

/** The messages' dependencies with the waitlist's offers (undefined stays undefined: messages off, no offers). */
export function withWaitlist(waitlist: WaitlistDeps, messages: MessagesDeps | undefined): MessagesDeps | undefined {
  return messages && { ...messages, waitlist };
}
