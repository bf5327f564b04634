/**
 * Answers the `@azure/functions-core` module that @azure/functions looks for, so the app's
 * real `app.http(...)` / `app.timer(...)` / `app.storageQueue(...)` registrations are handed to this local host.
 * Dev-only: in Azure the language worker provides this module.
 */
import Module from "node:module";

export interface HttpRegistration {
  kind: "http";
  name: string;
  methods: string[];
  route: string;
  authLevel: string;
  handler: (...args: unknown[]) => unknown;
}

export interface TimerRegistration {
  kind: "timer";
  name: string;
  schedule: string;
  runOnStartup: boolean;
  handler: (...args: unknown[]) => unknown;
}

export interface QueueRegistration {
  kind: "queue";
  name: string;
  queueName: string;
  /** Name of the app setting holding the storage connection string (the host's default: AzureWebJobsStorage). */
  connection: string;
  handler: (...args: unknown[]) => unknown;
}

export type Registration = HttpRegistration | TimerRegistration | QueueRegistration;

interface BindingMetadata {
  type: string;
  methods?: string[];
  route?: string;
  authLevel?: string;
  schedule?: string;
  runOnStartup?: boolean;
  queueName?: string;
  connection?: string;
}

export const registrations: Registration[] = [];
let installed = false;

export function installFunctionsCore(): Registration[] {
  if (installed) return registrations;
  installed = true;
  const core = {
    version: "local",
    hostVersion: "local",
    setProgrammingModel() {},
    getProgrammingModel() {
      return undefined;
    },
    registerHook() {
      return { dispose() {} };
    },
    log() {},
    registerFunction(metadata: { name: string; bindings: Record<string, BindingMetadata> }, handler: (...args: unknown[]) => unknown) {
      const trigger = Object.values(metadata.bindings).find((b) => /trigger$/i.test(b.type));
      if (trigger?.type === "httpTrigger") {
        registrations.push({
          kind: "http",
          name: metadata.name,
          methods: (trigger.methods ?? ["GET", "POST"]).map((m) => m.toUpperCase()),
          route: trigger.route ?? metadata.name,
          authLevel: trigger.authLevel ?? "function",
          handler,
        });
      } else if (trigger?.type === "timerTrigger") {
        registrations.push({
          kind: "timer",
          name: metadata.name,
          schedule: trigger.schedule ?? "",
          runOnStartup: !!trigger.runOnStartup,
          handler,
        });
      } else if (trigger?.type === "queueTrigger") {
        registrations.push({
          kind: "queue",
          name: metadata.name,
          queueName: trigger.queueName ?? "",
          connection: trigger.connection || "AzureWebJobsStorage",
          handler,
        });
      } else {
        throw new Error(`local host: function ${metadata.name} has a trigger this host does not run (${trigger?.type})`);
      }
      return { dispose() {} };
    },
  };
  const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = mod._load;
  mod._load = function (request: string, ...rest: unknown[]) {
    if (request === "@azure/functions-core") return core;
    return original.call(this, request, ...rest);
  };
  return registrations;
}
