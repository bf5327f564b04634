/**
 * Side effect only: starts telemetry (shared/app/telemetry.ts) before the rest of the app loads.
 * The first import of register.ts, which every function file imports first, and the first module
 * of the bundled package. Off (nothing loaded) unless APPLICATIONINSIGHTS_CONNECTION_STRING is set.
 */
import { startTelemetry } from "./telemetry.js";

await startTelemetry();
