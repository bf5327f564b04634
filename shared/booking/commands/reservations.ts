/**
 * POST /time-slots/reserve: hold a slot for a few minutes under a client token. The same token
 * replaces its previous reservation at once; a slot held or booked by anyone else is slot_taken.
 */
import { randomUUID } from "node:crypto";
import { DomainError, fieldError, ValidationError } from "../../kernel/errors.js";
import type { ReservationDoc } from "../model/documents.js";
import { isoOf } from "../../kernel/instants.js";
import { releaseReservation, reserveIntentId, runOperation } from "../write/write-protocol.js";
import { reservationCreated, reservationReleased } from "../model/events.js";
import { employeeWorkingIntervals, findContaining } from "../../slots/index.js";
import type { BookingDeps } from "../write/deps.js";
import { resolveTarget } from "../queries/bookable-time.js";
import { SlotTakenError } from "../write/calendar-guard.js";
import { meetingRef, reservationRef } from "../model/schedule-entries.js";
import { toSlotEmployee } from "../queries/slot-mapping.js";
import { canSee, holderKey, tokenPointer, type Caller } from "../model/caller.js";

/** Hold a time for a few minutes under a client token (instants in epoch ms, ids resolved). */
export interface ReserveCommand {
  start: number;
  end: number;
  employeeId?: string;
  roomId?: string;
  serviceGroup?: string;
  token: string;
  existingMeetingId?: string;
  /** Who holds it: only they replace (same token), convert or release it. */
  caller?: Caller;
}

export async function reserve(deps: BookingDeps, input: ReserveCommand, now: number): Promise<ReservationDoc> {
  if (!input.employeeId && !input.roomId && !input.serviceGroup) {
    throw new ValidationError([
      fieldError("timeSlot.employeeId", "give employeeId, roomId or serviceGroup: what should the reservation hold?", "required"),
    ]);
  }
  if (input.existingMeetingId) {
    const found = await deps.meetings.get(input.existingMeetingId);
    const existing = found && canSee(input.caller, found.meeting) ? found : undefined;
    if (!existing || existing.meeting.status === "Cancelled")
      throw new ValidationError([fieldError("existingMeetingId", "no booked meeting has this id", "exists")]);
  }
  await withinReservationCap(deps, input.caller, now);
  const candidates = input.employeeId ? [input.employeeId] : input.serviceGroup ? await groupMembersWorking(deps, input) : [undefined];
  let lastTaken: SlotTakenError | undefined;
  for (const employeeId of candidates) {
    try {
      return await reserveFor(deps, { ...input, employeeId }, now);
    } catch (err) {
      if (!(err instanceof SlotTakenError) || candidates.length === 1) throw err;
      lastTaken = err;
    }
  }
  throw lastTaken ?? new DomainError("slot_taken", `no employee of service group '${input.serviceGroup}' is free then`);
}

/** Employees of the service group who work the whole slot, in id order. */
async function groupMembersWorking(deps: BookingDeps, input: ReserveCommand): Promise<string[]> {
  const group = input.serviceGroup!.trim().toLowerCase();
  const members = (await deps.directory.list("employee")).filter(
    (e) =>
      e.serviceGroups.some((g) => g.trim().toLowerCase() === group) &&
      findContaining(
        employeeWorkingIntervals(toSlotEmployee(e), input.start - 86_400_000, input.end + 86_400_000),
        input.start,
        input.end,
      ) >= 0,
  );
  if (members.length === 0) throw new DomainError("slot_taken", `no employee of service group '${input.serviceGroup}' works then`);
  return members.map((e) => e.id);
}

/** A cap on live reservations per caller (the back office, which books for everyone, has none). */
async function withinReservationCap(deps: BookingDeps, caller: Caller | undefined, now: number) {
  if (!caller || caller.channel === "Backoffice") return;
  const live = await deps.reservations.countLive(holderKey(caller), isoOf(now));
  const cap = deps.maxLiveReservations ?? 10;
  if (live >= cap)
    throw new DomainError(
      "too_many_reservations",
      `this caller holds ${live} live reservations, the most it may (${cap}); book or let some expire first`,
    );
}

async function reserveFor(deps: BookingDeps, input: ReserveCommand, now: number): Promise<ReservationDoc> {
  const { holds } = await resolveTarget(
    deps,
    { employeeId: input.employeeId, additionalEmployees: [], roomId: input.roomId, start: input.start, end: input.end },
    now,
    {
      start: "timeSlot.startDate",
      end: "timeSlot.endDate",
    },
  );
  const id = randomUUID();
  const ref = reservationRef(id);
  const expiresAt = isoOf(now + deps.reservationTtlMs);
  const createdAt = isoOf(now);
  const docs = deps.guard.docIds(holds);
  // The token's previous reservation does not count as a conflict (re-reserving its own or an overlapping
  // slot is fine). It is ignored, not replaced: if this hold fails on a later calendar, the previous
  // reservation must still hold all of its time; it is released once this one exists.
  const holder = input.caller ? holderKey(input.caller) : undefined;
  const pointer = tokenPointer(holder, input.token);
  const previousForToken = await deps.reservations.tokenTarget(pointer);
  const reservation: ReservationDoc = {
    id,
    kind: "reservation",
    token: input.token,
    startDate: isoOf(input.start),
    endDate: isoOf(input.end),
    employeeId: input.employeeId ?? null,
    roomId: input.roomId ?? null,
    serviceGroup: input.serviceGroup ?? null,
    existingMeetingId: input.existingMeetingId ?? null,
    expiresAt,
    createdAt,
    holds: docs,
    ...(holder ? { holder } : {}),
  };
  return runOperation(
    deps,
    {
      intent: {
        id: reserveIntentId(id),
        op: "reserve",
        ref,
        addedTo: docs,
        addedRev: 0,
        removeFrom: [],
        removedRev: null,
        reservationId: previousForToken ?? null,
        createdAt,
        events: [reservationCreated(reservation)],
      },
      holds,
      expiresAt,
      ignoreRefs: [
        ...(input.existingMeetingId ? [meetingRef(input.existingMeetingId)] : []),
        ...(previousForToken ? [reservationRef(previousForToken)] : []),
      ],
      commit: async () => {
        await deps.reservations.create(reservation);
        return reservation;
      },
      afterCommit: async () => {
        // finish releases the previous reservation read above; another one that a concurrent request
        // with the same token pointed at in between goes here.
        const previous = await deps.reservations.pointToken(pointer, id);
        if (previous && previous !== id && previous !== previousForToken)
          await releaseReservation(deps, previous, (r) => reservationReleased(r, createdAt, "replaced"));
      },
    },
    now,
  );
}
