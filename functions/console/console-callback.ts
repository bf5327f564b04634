/**
 * GET /console/auth/callback: the identity provider's redirect. The state must match the sealed
 * login cookie; the code is redeemed with the PKCE verifier; the sign-in (msal-node's cache with the
 * refresh token, and the first access token when it fits) is sealed in its own cookie (SameSite=Strict,
 * SESSION_HOURS) and the browser goes to the console, whose first call turns it into an access.
 */
import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { AuthError } from "../../shared/api/edge/auth.js";
import { consoleConfig, consoleUrlOf } from "../../shared/api/console/console-http.js";
import { REFRESH_COOKIE, seal, sessionKey, setCookie, unseal, type SignIn } from "../../shared/api/console/session.js";
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
    const signIn = await finishSignIn(config, login, query.code, consoleUrlOf(config, ctx.headers), ctx.now);
    const seconds = signIn.endsAt - Math.floor(ctx.now / 1000);
    return {
      status: 303,
      headers: {
        location: `${consoleUrlOf(config, ctx.headers)}/`,
        "cache-control": "no-store",
        "set-cookie": setCookie(await sealSignIn(signIn, key, seconds), seconds, "Strict", REFRESH_COOKIE),
      },
    };
  },
});

/** With its first access token when the cookie has room (Entra ID's tokens may not leave it), else without. */
async function sealSignIn(signIn: SignIn, key: Uint8Array, seconds: number): Promise<string> {
  try {
    return await seal(signIn, key, seconds);
  } catch {
    const { first: _first, ...rest } = signIn;
    return seal(rest, key, seconds);
  }
}
