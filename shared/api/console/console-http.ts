/** What the console's functions share: its public URL, the signed-in session, the cross-site guard. */
import { AuthError } from "../edge/auth.js";
import type { RequestContext } from "../edge/endpoint.js";
import { loadConsoleConfig, type ConsoleConfig } from "../../kernel/settings.js";
import { REFRESH_COOKIE, seal, sessionKey, setCookie, unseal, type Session } from "./session.js";
import { firstAccess, refreshSession } from "./sign-in.js";

export const CSRF_HEADER = "x-bookme-console";

export function consoleConfig(): ConsoleConfig {
  return loadConsoleConfig();
}

/** CONSOLE_PUBLIC_URL, else this request's origin + /console (the local host passes the browser's Host). */
export function consoleUrlOf(config: ConsoleConfig, headers: Headers): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, "");
  const proto = headers.get("x-forwarded-proto") === "https" ? "https" : "http";
  return `${proto}://${headers.get("host") ?? "localhost"}/console`;
}

/** An access token this close to its expiry is renewed first (a call through the proxy must not outlive it). */
export const RENEW_BEFORE_SECONDS = 120;

export interface CurrentSession {
  session: Session;
  /** The renewed access's cookie, for this response's Set-Cookie. */
  setCookie?: string;
}

/**
 * The signed-in session, or 401 (the page then offers to sign in): the sign-in cookie must be there
 * and current, and the access cookie of the same sign-in fresh; otherwise the access is renewed (the
 * sign-in's first token, else a refresh through msal-node) and its cookie returned to set.
 */
export async function sessionOf(config: ConsoleConfig, ctx: RequestContext): Promise<CurrentSession> {
  const key = sessionKey(config.sessionKey);
  const cookies = ctx.headers.get("cookie");
  const nowSeconds = Math.floor(ctx.now / 1000);
  const signIn = await unseal(cookies, key, REFRESH_COOKIE);
  if (!signIn || signIn.kind !== "sign-in" || signIn.endsAt <= nowSeconds)
    throw new AuthError("unauthorized", "not signed in to the console, or the session has expired: sign in again");
  const fresh = (s: Session | undefined) => s && s.sid === signIn.sid && s.expiresAt - nowSeconds > RENEW_BEFORE_SECONDS;
  const access = await unseal(cookies, key, undefined);
  if (access?.kind === "session" && fresh(access)) return { session: access };
  const first = firstAccess(signIn);
  const session = first && fresh(first) ? first : await refreshSession(config, signIn, ctx.now);
  const seconds = Math.min(session.expiresAt, session.endsAt) - nowSeconds;
  return { session, setCookie: setCookie(await seal(session, key, seconds), seconds, "Strict") };
}

/**
 * Changes only from the console's own script: a custom header a cross-site form cannot send (and a
 * cross-origin script only after a CORS preflight the console never grants), on top of SameSite=Strict.
 */
export function requireConsoleScript(ctx: RequestContext): void {
  if (ctx.headers.get(CSRF_HEADER) !== "1")
    throw new AuthError("forbidden", `console changes must come from the console page (header ${CSRF_HEADER}: 1)`);
}
