import type { MeetingDetails } from "../../../shared/booking/model/commands.js";

/** A booking command's details: nothing but what a test names. */
export function meetingDetails(over: Partial<MeetingDetails> = {}): MeetingDetails {
  return {
    bookedBy: "Employee",
    salesforceId: null,
    customerId: "c",
    customerTypeId: null,
    topicId: null,
    portalId: null,
    cpr: null,
    title: null,
    description: null,
    videoLink: null,
    customFields: [],
    externalAttendees: [],
    ...over,
  };
}
