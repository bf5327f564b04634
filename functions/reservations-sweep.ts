import azureFunctions, { type InvocationContext, type Timer } from "@azure/functions";
import { sweep } from "../shared/booking/recovery.js";
import { repositories } from "../shared/store/repositories.js";

const { app } = azureFunctions;

/** Every minute: expired reservations go, abandoned operations are finished or undone. */
export async function reservationsSweep(_timer: Timer, context: InvocationContext): Promise<void> {
  const report = await sweep(await repositories(), Date.now());
  context.log(JSON.stringify({ message: "sweep done", ...report }));
}

app.timer("reservations-sweep", { schedule: "0 */1 * * * *", handler: reservationsSweep });
