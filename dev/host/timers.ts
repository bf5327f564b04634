/** Timer triggers on their NCRONTAB (6-field, seconds first) schedules, guarded by a singleton lease. */
import { randomUUID } from "node:crypto";
import azureFunctions from "@azure/functions";
import { CronExpressionParser } from "cron-parser";
import type { TimerRegistration } from "./functions-core.js";
import { SingletonLock } from "./singleton-lock.js";

const { InvocationContext } = azureFunctions;

export interface RunningTimer {
  name: string;
  schedule: string;
  lock: SingletonLock;
  /** Runs the function once now (as the host's admin API does), regardless of the lease. */
  invoke(): Promise<void>;
  stop(): Promise<void>;
}

/** Longest delay setTimeout honours (2^31-1 ms would overflow into an immediate call). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1 - 1000;

export function nextOccurrence(schedule: string, after: Date): Date {
  return CronExpressionParser.parse(schedule, { currentDate: after, tz: "UTC" }).next().toDate();
}

export async function startTimer(
  fn: TimerRegistration,
  storageConnection: string,
  hostId: string,
  log: (line: string) => void,
  scheduleOverride?: string,
): Promise<RunningTimer> {
  const schedule = scheduleOverride ?? fn.schedule;
  nextOccurrence(schedule, new Date()); // validates the expression up front
  const lock = new SingletonLock(storageConnection, `locks/${hostId}/${fn.name}.listener`, (held) =>
    log(held ? `[timer] ${fn.name}: this host holds the singleton lock` : `[timer] ${fn.name}: singleton lock not held`),
  );
  let handle: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const invoke = async () => {
    const context = new InvocationContext({
      functionName: fn.name,
      invocationId: randomUUID(),
      logHandler: (level, ...args) => log(`[${level}] ${fn.name}: ${args.map(String).join(" ")}`),
    });
    try {
      await fn.handler({ isPastDue: false, schedule: { adjustForDST: true }, scheduleStatus: { last: new Date().toISOString() } }, context);
    } catch (err) {
      log(`[error] ${fn.name}: failed: ${(err as Error)?.message ?? err}`);
    }
  };

  const arm = () => {
    if (stopped) return;
    const due = nextOccurrence(schedule, new Date()).getTime();
    const delay = Math.max(0, due - Date.now());
    if (delay > MAX_TIMEOUT_MS) {
      // setTimeout cannot wait longer than ~24.8 days: wait in steps and look again.
      handle = setTimeout(arm, MAX_TIMEOUT_MS);
      return;
    }
    handle = setTimeout(() => {
      if (lock.isHeld) {
        log(`[timer] ${fn.name}: executing (schedule ${schedule})`);
        running = invoke();
      }
      void running.then(arm);
    }, delay);
  };

  await lock.start();
  if (fn.runOnStartup && lock.isHeld) running = invoke();
  arm();
  return {
    name: fn.name,
    schedule,
    lock,
    invoke,
    async stop() {
      stopped = true;
      if (handle) clearTimeout(handle);
      await running;
      await lock.stop();
    },
  };
}
