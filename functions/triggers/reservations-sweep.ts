import { registerTimer } from "../../shared/app/register.js";
import { sweep } from "../../shared/booking/commands/recovery.js";

/** Every minute: expired reservations go, abandoned operations are finished or undone. */
export const reservationsSweep = registerTimer({
  name: "reservations-sweep",
  schedule: "0 */1 * * * *",
  async run(deps, now, context) {
    const report = await sweep(deps, now);
    context.log(JSON.stringify({ message: "sweep done", ...report }));
  },
});
