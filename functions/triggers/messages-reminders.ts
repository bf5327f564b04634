import { registerTimer } from "../../shared/app/register.js";
import { claimDueReminders } from "../../shared/messages/reminders.js";

/**
 * Every 5 seconds: due reminders are claimed (If-Match, so two hosts never queue the same one) and
 * queued for messages-send. A claim whose host died runs out and is taken again; a reminder whose
 * time passed while the service was down is sent late while the meeting is still ahead.
 */
export const messagesReminders = registerTimer({
  name: "messages-reminders",
  schedule: "*/5 * * * * *",
  async run(deps, now, context) {
    if (!deps.messages) return;
    const queued = await claimDueReminders(deps.messages, now);
    if (queued > 0) context.log(JSON.stringify({ message: "reminders due", queued }));
  },
});
