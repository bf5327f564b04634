/**
 * The waitlist's dependencies over the booking services: its Cosmos store, the subject keys of a
 * contact, and for the offers the meeting types' free times (the booking path's own rules:
 * shared/api/facades/core-calls.ts) and which meeting types may take a freed advisor.
 */
import type { Container } from "@azure/cosmos";
import { CosmosWaitlistStore } from "../adapters/cosmos/waitlist-repository.js";
import { meetingTypeTimes } from "../api/facades/core-calls.js";
import type { BookingDeps } from "../booking/write/deps.js";
import type { MessagesDeps } from "../messages/deps.js";
import type { WaitlistAccess, WaitlistDeps } from "../messages/waitlist.js";
import type { SubjectKeyer } from "../privacy/subject-keys.js";

export function waitlistDeps(container: Container, booking: BookingDeps, keyer: SubjectKeyer): WaitlistDeps & WaitlistAccess {
  const store = new CosmosWaitlistStore(container);
  return {
    store,
    subjectKeys: (contact) => [
      ...(contact.email ? [keyer.keyOf({ email: contact.email })] : []),
      ...(contact.phone ? [keyer.keyOf({ phone: contact.phone })] : []),
    ],
    freeTimes: (meetingTypeId, startMs, endMs, durationMinutes, now) =>
      meetingTypeTimes(booking, { meetingTypeId, startMs, endMs, ...(durationMinutes ? { durationMinutes } : {}) }, now),
    async meetingTypesFor(employeeIds) {
      if (employeeIds.length === 0) return [];
      const [types, employees] = await Promise.all([
        booking.directory.list("meetingType"),
        Promise.all(employeeIds.map((id) => booking.directory.get("employee", id))),
      ]);
      const groups = new Set(employees.flatMap((e) => e?.serviceGroups ?? []));
      return types
        .filter(
          (t) => t.pool.employeeIds.some((id) => employeeIds.includes(id)) || (t.pool.serviceGroup && groups.has(t.pool.serviceGroup)),
        )
        .map((t) => t.id);
    },
  };
}

/** The messages' dependencies with the waitlist's offers (undefined stays undefined: messages off, no offers). */
export function withWaitlist(waitlist: WaitlistDeps, messages: MessagesDeps | undefined): MessagesDeps | undefined {
  return messages && { ...messages, waitlist };
}
