/** GET /console/auth/login[?as=backoffice]: starts the sign-in (authorization code with PKCE) and sends the browser to the identity provider. */
import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { consoleConfig, consoleUrlOf } from "../../shared/api/console/console-http.js";
import { seal, sessionKey, setCookie } from "../../shared/api/console/session.js";
import { beginSignIn } from "../../shared/api/console/sign-in.js";

const LOGIN_SECONDS = 600;

export const consoleSignIn = registerEndpoint({
  name: "console-sign-in",
  prefix: "console",
  method: "GET",
  route: "auth/login",
  versions: ["v2"],
  permission: "anonymous",
  summary: "Console sign-in: redirect to the identity provider",
  tags: ["Console"],
  query: z.object({ as: z.enum(["staff", "backoffice"]).default("staff") }),
  responses: { 302: { description: "To the identity provider's authorize endpoint" } },
  async handle({ query }, ctx): Promise<Reply> {
    const config = consoleConfig();
    const key = sessionKey(config.sessionKey);
    const { url, login } = await beginSignIn(config, query.as, consoleUrlOf(config, ctx.headers));
    return {
      status: 302,
      headers: {
        location: url,
        "cache-control": "no-store",
        "set-cookie": setCookie(await seal(login, key, LOGIN_SECONDS), LOGIN_SECONDS, "Lax"),
      },
    };
  },
});
