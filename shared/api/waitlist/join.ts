/**
 * Joining the waitlist (the bots API and V2 share it): the meeting type must exist, the wanted
 * window lies ahead and spans at most MAX_WINDOW_DAYS, the contact has an e-mail or a phone. The
 * entry records who added it (only they read or remove it), its subject keys, and a TTL to a week
 * after the window. Offers come later from the messages pipeline (shared/messages/waitlist-offers.ts).
 */
import type { Caller } from "../../booking/model/caller.js";
import { meetingTypeOf } from "../../booking/queries/meeting-types.js";
import { DomainError, fieldError, NotFoundError, ValidationError } from "../../kernel/errors.js";
import { isoOf, msOf } from "../../kernel/instants.js";
import type { HandlerDeps } from "../edge/handler-deps.js";
import { checkChoice } from "../public/public-booking.js";
import type { CustomerChoice } from "../public/schemas.js";
import { DEFAULT_TIME_ZONE } from "../../slots/types.js";
import {
  MAX_WINDOW_DAYS,
  newEntryId,
  newPageEntryId,
  ownsEntry,
  targetOf,
  topicTargetOf,
  ttlFor,
  type WaitlistAccess,
  type WaitlistEntry,
} from "../../messages/waitlist.js";

export interface JoinRequest {
  /** A meeting type (bots API, V2), or else the booking page's choice. */
  meetingTypeId: string | null;
  choice?: CustomerChoice;
  bookingLinkId: string | null;
  durationMinutes: number | null;
  from: string;
  to: string;
  contact: { name: string; email: string | null; phone: string | null };
  language: string;
  /** The request's field names (snake_case for the bots API), for the errors. */
  fields: { from: string; to: string; meetingTypeId: string };
}

function waitlistOf(deps: HandlerDeps): WaitlistAccess {
  if (!deps.waitlist) throw new DomainError("service_unavailable", "the waitlist is not available here");
  return deps.waitlist;
}

export async function joinWaitlist(deps: HandlerDeps, req: JoinRequest, caller: Caller | undefined, now: number): Promise<WaitlistEntry> {
  const wl = waitlistOf(deps);
  const from = msOf(req.from);
  const to = msOf(req.to);
  const errors = [];
  if (to <= from) errors.push(fieldError(req.fields.to, "must be after from", "after_from"));
  else if (to <= now) errors.push(fieldError(req.fields.to, "must be in the future", "future"));
  else if (to - from > MAX_WINDOW_DAYS * 86_400_000)
    errors.push(fieldError(req.fields.to, `the window may span at most ${MAX_WINDOW_DAYS} days`, "max_window"));
  if (errors.length) throw new ValidationError(errors);
  const at = isoOf(now);
  let what: Pick<WaitlistEntry, "id" | "target" | "meetingTypeId" | "choice" | "timeZone">;
  if (req.meetingTypeId) {
    const type = await meetingTypeOf(deps.directory, req.meetingTypeId, req.fields.meetingTypeId);
    what = {
      id: newEntryId(type.id),
      target: targetOf(type.id),
      meetingTypeId: type.id,
      choice: null,
      timeZone: type.timeZone ?? DEFAULT_TIME_ZONE,
    };
  } else if (req.choice) {
    const c = req.choice;
    await checkChoice(deps, c);
    what = {
      id: newPageEntryId(c.topicId),
      target: topicTargetOf(c.topicId),
      meetingTypeId: null,
      choice: { topicId: c.topicId, customerTypeId: c.customerTypeId, meetingType: c.meetingType, branch: c.branch ?? "" },
      timeZone: DEFAULT_TIME_ZONE,
    };
  } else throw new ValidationError([fieldError(req.fields.meetingTypeId, "is required", "required")]);
  const entry: WaitlistEntry = {
    ...what,
    type: "waitlist",
    bookingLinkId: req.bookingLinkId,
    durationMinutes: req.durationMinutes,
    fromTime: isoOf(Math.max(from, now)),
    toTime: isoOf(to),
    contact: req.contact,
    language: req.language,
    status: "waiting",
    offers: [],
    joinedAt: at,
    updatedAt: at,
    owner: {
      tenantId: caller?.tenantId ?? "bookme",
      clientId: caller?.clientId ?? "anonymous",
      ...(caller?.entity ? { entity: caller.entity } : {}),
    },
    subjects: wl.subjectKeys(req.contact),
    ttl: ttlFor(isoOf(to), now),
  };
  await wl.store.create(entry);
  return entry;
}

/** The caller's own entry, else not found (another's reads as missing). */
export async function ownEntry(deps: HandlerDeps, id: string, caller: Caller | undefined) {
  const found = await waitlistOf(deps).store.get(id);
  if (!found || !ownsEntry(caller, found.doc)) throw new NotFoundError("waitlist entry", id);
  return found.doc;
}

export async function leaveWaitlist(deps: HandlerDeps, id: string, caller: Caller | undefined): Promise<void> {
  await ownEntry(deps, id, caller);
  await waitlistOf(deps).store.delete(id);
}
