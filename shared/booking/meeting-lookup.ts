import { NotFoundError, PreconditionFailedError } from "../errors.js";
import type { BookingDeps } from "./booking-deps.js";
import type { MeetingDoc } from "./documents.js";
import { ifMatchAllows } from "./etag.js";

export interface StoredMeeting {
  meeting: MeetingDoc;
  etag: string;
}

export async function getBookedMeeting(deps: BookingDeps, id: string): Promise<StoredMeeting> {
  const found = await deps.meetings.get(id);
  if (!found) throw new NotFoundError("meeting", id);
  return found;
}

/** The meeting a change applies to: it exists, If-Match (when sent) matches, and it is not cancelled. */
export async function changeableMeeting(deps: BookingDeps, id: string, ifMatch: string | undefined): Promise<StoredMeeting> {
  const found = await getBookedMeeting(deps, id);
  if (ifMatch && !ifMatchAllows(ifMatch, found.etag)) throw new PreconditionFailedError();
  return found;
}
