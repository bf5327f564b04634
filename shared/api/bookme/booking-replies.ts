/** Shaping booking results into replies: the meeting view with its ETag, reservations, and slot_taken with alternatives. */
import { httpEtag } from "../../kernel/etag.js";
import type { MeetingDoc } from "../../booking/model/documents.js";
import type { Reply } from "../edge/endpoint.js";
import type { ApiVersionName } from "../../booking/model/documents.js";
import { meetingView } from "../../booking/model/views.js";

/** The meeting as the caller's API version shows it (V1 leaves out V2's fields). */
export function meetingReply(
  status: number,
  meeting: MeetingDoc,
  etag: string,
  version: ApiVersionName,
  extraHeaders: Record<string, string> = {},
): Reply {
  return { status, body: meetingView(meeting, version), headers: { etag: httpEtag(etag), ...extraHeaders } };
}
