/**
 * /console/api/{path}?q={the API's query string}: the console page's calls to the BookMe API
 * (GET, POST, PUT, PATCH, DELETE), made by the back end with the signed-in person's token
 * (shared/api/console/api-proxy.ts). Changes need the console's script header.
 */
import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { HttpMethod, Reply } from "../../shared/api/edge/endpoint.js";
import { callApi } from "../../shared/api/console/api-proxy.js";
import { consoleConfig, requireConsoleScript, sessionOf } from "../../shared/api/console/console-http.js";

const METHODS: HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

export const consoleApi = METHODS.map((method) =>
  registerEndpoint({
    name: `console-api-${method.toLowerCase()}`,
    prefix: "console",
    method,
    route: "api/{*path}",
    versions: ["v2"],
    permission: "anonymous",
    summary: "The console's calls to the BookMe API, with the signed-in person's token",
    tags: ["Console"],
    params: z.object({ path: z.string().min(1).max(500) }),
    query: z.object({ q: z.string().max(4000).optional() }),
    body: method === "GET" || method === "DELETE" ? undefined : z.unknown(),
    responses: { 200: { description: "The API's answer" }, 401: { description: "Not signed in" } },
    async handle({ params, query, body }, ctx): Promise<Reply> {
      const config = consoleConfig();
      if (method !== "GET") requireConsoleScript(ctx);
      const { session, setCookie } = await sessionOf(config, ctx);
      const reply = await callApi(config, session, {
        method,
        path: params.path,
        query: query.q,
        body,
        ifMatch: ctx.headers.get("if-match"),
        idempotencyKey: ctx.headers.get("idempotency-key"),
        correlationId: ctx.correlationId,
      });
      return setCookie ? { ...reply, headers: { ...reply.headers, "set-cookie": setCookie } } : reply;
    },
  }),
);
