import { PreconditionFailedError } from "../../kernel/errors.js";
import type { Caller } from "../model/caller.js";
import { visibleOrMissing } from "../access/caller-rules.js";
import type { BookingDeps } from "../write/deps.js";
import type { MeetingDoc } from "../model/documents.js";
import { ifMatchAllows } from "../../kernel/etag.js";

export interface StoredMeeting {
  meeting: MeetingDoc;
  etag: string;
}

/** The meeting, if it exists and the caller may see it (else 404, as for a missing one). */
export async function getBookedMeeting(deps: BookingDeps, id: string, caller?: Caller): Promise<StoredMeeting> {
  return visibleOrMissing(caller, id, await deps.meetings.get(id));
}

/** The meeting a change applies to: it exists, If-Match (when sent) matches, and it is not cancelled. */
export async function changeableMeeting(
  deps: BookingDeps,
  id: string,
  ifMatch: string | undefined,
  caller?: Caller,
): Promise<StoredMeeting> {
  const found = await getBookedMeeting(deps, id, caller);
  if (ifMatch && !ifMatchAllows(ifMatch, found.etag)) throw new PreconditionFailedError();
  return found;
}
