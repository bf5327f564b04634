/** GET /console/auth/me: who is signed in (name, roles, which console client), or 401. */
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
  async handle(_input, ctx): Promise<Reply> {
    const session = await sessionOf(consoleConfig(), ctx);
    return {
      status: 200,
      headers: { "cache-control": "no-store" },
      body: {
        name: session.name,
        username: session.username,
        oid: session.oid,
        roles: session.roles,
        audience: session.audience,
        expiresAt: new Date(session.expiresAt * 1000).toISOString(),
      },
    };
  },
});
