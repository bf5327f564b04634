import { registerRawHttp } from "../../shared/app/register.js";
import { confirmMeeting } from "../../shared/booking/commands/confirmation.js";
import { DomainError, NotFoundError } from "../../shared/kernel/errors.js";
import { tokenMatches } from "../../shared/messages/confirm-link.js";
import { confirmPage, type ConfirmPageState } from "../../shared/messages/confirm-page.js";
import type { Language } from "../../shared/messages/ports.js";
import { preferencesOf } from "../../shared/messages/preferences.js";
import { localTime } from "../../shared/messages/templates.js";

/**
 * The double opt-in link of a confirm_request e-mail: GET /api/messages/confirm?meeting=&token=
 * shows the meeting and a button (no state change: mail scanners open links); the button's POST
 * confirms it as the attendee (the same command as POST /meetings/{id}/confirm with the secret),
 * after which the confirmation e-mail follows from the meeting.updated event. Logs: meeting id only.
 */
export const messagesConfirm = registerRawHttp({
  name: "messages-confirm",
  route: "messages/confirm",
  methods: ["GET", "POST"],
  async handle(request, context, deps) {
    const form = request.method === "POST" ? new URLSearchParams(await request.text()) : request.query;
    const meetingId = form.get("meeting") ?? "";
    const token = form.get("token") ?? "";
    const html = (status: number, language: Language, page: ConfirmPageState) => ({
      status,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" },
      body: confirmPage(language, page),
    });
    const links = deps.messages?.links;
    const stored = meetingId && links ? await deps.meetings.get(meetingId) : undefined;
    if (!stored || !links || !tokenMatches(links.key, meetingId, stored.meeting.secretHash, token))
      return html(404, "da", { state: "gone" });
    const { meeting } = stored;
    const language = preferencesOf(meeting.customFields).language;
    if (meeting.status === "Booked" && meeting.confirmation?.confirmedAt) return html(200, language, { state: "already" });
    if (meeting.status !== "Pending") return html(410, language, { state: "gone" });
    if (request.method === "GET") {
      const advisor = await deps.directory.get("employee", meeting.employeeId);
      const when = localTime(meeting.startDate, advisor?.timeZone ?? "Europe/Copenhagen", language);
      return html(200, language, { state: "ask", when, meetingId, token });
    }
    try {
      await confirmMeeting(deps, { id: meetingId, by: "attendee" }, Date.now());
    } catch (err) {
      if (err instanceof DomainError || err instanceof NotFoundError) {
        context.log(JSON.stringify({ message: "double opt-in refused", meetingId, code: (err as { code?: string }).code }));
        return html(410, language, { state: "gone" });
      }
      throw err;
    }
    context.log(JSON.stringify({ message: "double opt-in confirmed", meetingId }));
    return html(200, language, { state: "done" });
  },
});
