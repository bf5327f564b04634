import { registerTimer } from "../../shared/app/register.js";
import { applyRetention } from "../../shared/privacy/retention.js";

/** Batches a run handles; the next night continues when more expired meetings are left. */
const MAX_BATCHES = 40;

/**
 * Nightly at 02:30 UTC: the personal data of meetings RETENTION_DAYS after they ended (cancelled ones
 * RETENTION_DAYS_CANCELLED after the cancellation) is erased, in batches of 50. Logs counts only.
 */
export const privacyRetention = registerTimer({
  name: "privacy-retention",
  schedule: "0 30 2 * * *",
  async run(deps, now, context) {
    if (!deps.privacy) return;
    const total = { meetings: 0, events: 0, idempotency: 0, reminders: 0, calendar: 0, cpr: 0 };
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const report = await applyRetention({ ...deps, privacy: deps.privacy }, now);
      for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += report[key];
      if (report.meetings === 0) break;
    }
    context.log(JSON.stringify({ message: "privacy retention", ...total }));
  },
});
