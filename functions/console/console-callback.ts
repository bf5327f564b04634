/**
 * GET /console/auth/callback: the identity provider's redirect. The state must match the sealed
 * sign-in cookie; the code is redeemed with the PKCE verifier; the session replaces the sign-in
 * cookie (SameSite=Strict, until the access token expires) and the browser goes to the console.
 */
import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { AuthError } from "../../shared/api/edge/auth.js";
import { consoleConfig, consoleUrlOf } from "../../shared/api/console/console-http.js";
import { seal, sessionKey, setCookie, unseal } from "../../shared/api/console/session.js";
import { finishSignIn } from "../../shared/api/console/sign-in.js";

export const consoleCallback = registerEndpoint({
  name: "console-callback",
  prefix: "console",
  method: "GET",
  route: "auth/callback",
  versions: ["v2"],
  permission: "anonymous",
  summary: "Console sign-in: the identity provider's redirect",
  tags: ["Console"],
  query: z.object({
    code: z.string().max(4000).optional(),
    state: z.string().max(200).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(2000).optional(),
    session_state: z.string().max(200).optional(),
    client_info: z.string().max(2000).optional(),
  }),
  responses: { 303: { description: "To the console, signed in" }, 401: { description: "The sign-in failed or expired" } },
  async handle({ query }, ctx): Promise<Reply> {
    const config = consoleConfig();
    const key = sessionKey(config.sessionKey);
    if (query.error) throw new AuthError("unauthorized", `the sign-in was not completed: ${query.error}`);
    const login = await unseal(ctx.headers.get("cookie"), key);
    if (!login || login.kind !== "login" || !query.code || query.state !== login.state)
      throw new AuthError("unauthorized", "this sign-in is unknown or expired: start again at /console");
    const session = await finishSignIn(config, login, query.code, consoleUrlOf(config, ctx.headers));
    const seconds = session.expiresAt - Math.floor(ctx.now / 1000);
    return {
      status: 303,
      headers: {
        location: `${consoleUrlOf(config, ctx.headers)}/`,
        "cache-control": "no-store",
        "set-cookie": setCookie(await seal(session, key, seconds), seconds, "Strict"),
      },
    };
  },
});
