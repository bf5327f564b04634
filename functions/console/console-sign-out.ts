/** POST /console/auth/logout: forgets the sign-in (its cookie is cleared; an access left behind belongs to no sign-in and is refused). */
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { requireConsoleScript } from "../../shared/api/console/console-http.js";
import { clearCookie, REFRESH_COOKIE } from "../../shared/api/console/session.js";

export const consoleSignOut = registerEndpoint({
  name: "console-sign-out",
  prefix: "console",
  method: "POST",
  route: "auth/logout",
  versions: ["v2"],
  permission: "anonymous",
  summary: "Console sign-out",
  tags: ["Console"],
  responses: { 204: { description: "Signed out" } },
  async handle(_input, ctx): Promise<Reply> {
    requireConsoleScript(ctx);
    return { status: 204, headers: { "set-cookie": clearCookie(REFRESH_COOKIE), "cache-control": "no-store" } };
  },
});
