import { registerTimer } from "../../shared/app/register.js";
import { runPendingJobs } from "../../shared/privacy/runner.js";

/**
 * Every 10 seconds: unfinished exports and erasures are worked (each under its lease, resumed from its
 * recorded progress after a crash) and expired exports deleted. Logs counts only.
 */
export const privacyJobs = registerTimer({
  name: "privacy-jobs",
  schedule: "*/10 * * * * *",
  async run(deps, _now, context) {
    if (!deps.privacy) return;
    const report = await runPendingJobs({ ...deps, privacy: deps.privacy }, Date.now);
    if (report.ran || report.failed || report.expired) context.log(JSON.stringify({ message: "privacy jobs", ...report }));
  },
});
