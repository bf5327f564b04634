/**
 * GET /console/auth/me: who is signed in (name, roles, which console client), or 401; and, read-only,
 * the advisor they are (the employee whose entraObjectId is the session's oid) and that advisor's
 * first branch, so the page opens on the person's own branch. The back office, who is no advisor,
 * gets null for both.
 */
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { consoleConfig, sessionOf } from "../../shared/api/console/console-http.js";

export const consoleMe = registerEndpoint({
  name: "console-me",
  prefix: "console",
  method: "GET",
  route: "auth/me",
  versions: ["v2"],
  permission: "anonymous",
  summary: "The console's signed-in person",
  tags: ["Console"],
  responses: { 200: { description: "The signed-in person" }, 401: { description: "Not signed in" } },
  async handle(_input, ctx, deps): Promise<Reply> {
    const { session, setCookie } = await sessionOf(consoleConfig(), ctx);
    const self = (await deps.directory.list("employee")).find((e) => e.entraObjectId === session.oid);
    return {
      status: 200,
      headers: { "cache-control": "no-store", ...(setCookie ? { "set-cookie": setCookie } : {}) },
      body: {
        name: session.name,
        username: session.username,
        oid: session.oid,
        roles: session.roles,
        audience: session.audience,
        employeeId: self?.id ?? null,
        branch: self?.locations[0] ?? null,
        expiresAt: new Date(session.expiresAt * 1000).toISOString(),
        sessionEndsAt: new Date(session.endsAt * 1000).toISOString(),
      },
    };
  },
});
