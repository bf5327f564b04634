/** Registration of the app's functions with their dependencies from the composition root. */
import "./telemetry-start.js"; // first: telemetry (when configured) starts before the rest of the app loads
import azureFunctions, { type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import type { z } from "zod";
import { registerEndpoint as registerWith, type AnyObject, type EndpointSpec, type NoBody, type NoInput } from "../api/edge/endpoint.js";
import type { HandlerDeps } from "../api/edge/handler-deps.js";
import { appDeps } from "./root.js";

const { app } = azureFunctions;

export function registerEndpoint<P extends AnyObject = NoInput, Q extends AnyObject = NoInput, B extends z.ZodType = NoBody>(
  spec: EndpointSpec<P, Q, B>,
): EndpointSpec<P, Q, B> {
  return registerWith(spec, appDeps);
}

export interface TimerSpec {
  name: string;
  /** NCRONTAB with seconds. */
  schedule: string;
  /** Also once when the host starts (idempotent work only: every instance start runs it). */
  runOnStartup?: boolean;
  run(deps: HandlerDeps, now: number, context: InvocationContext): Promise<void>;
}

export interface QueueSpec {
  name: string;
  queueName: string;
  /** App setting with the storage connection (identity-based in Azure: AzureWebJobsStorage__*). */
  connection: string;
  run(deps: HandlerDeps, message: unknown, now: number, context: InvocationContext): Promise<void>;
}

export function registerQueue(spec: QueueSpec): (message: unknown, context: InvocationContext) => Promise<void> {
  const handler = async (message: unknown, context: InvocationContext) => spec.run(await appDeps(), message, Date.now(), context);
  app.storageQueue(spec.name, { queueName: spec.queueName, connection: spec.connection, handler });
  return handler;
}

export function registerTimer(spec: TimerSpec): (timer: unknown, context: InvocationContext) => Promise<void> {
  const handler = async (_timer: unknown, context: InvocationContext) => spec.run(await appDeps(), Date.now(), context);
  app.timer(spec.name, { schedule: spec.schedule, handler, ...(spec.runOnStartup ? { runOnStartup: true } : {}) });
  return handler;
}

export interface RawHttpSpec {
  name: string;
  route: string;
  methods: ("GET" | "POST")[];
  /** For callbacks that speak another service's protocol (Graph's change notifications), not BookMe's API. */
  handle(request: HttpRequest, context: InvocationContext, deps: HandlerDeps): Promise<HttpResponseInit>;
}

export function registerRawHttp(spec: RawHttpSpec): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  const handler = async (request: HttpRequest, context: InvocationContext) => spec.handle(request, context, await appDeps());
  app.http(spec.name, { methods: spec.methods, route: spec.route, authLevel: "anonymous", handler });
  return handler;
}
