/** What the console's functions share: its public URL, the signed-in session, the cross-site guard. */
import { AuthError } from "../edge/auth.js";
import type { RequestContext } from "../edge/endpoint.js";
import { loadConsoleConfig, type ConsoleConfig } from "../../kernel/settings.js";
import { sessionKey, unseal, type Session } from "./session.js";

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

/** The signed-in session, or 401 (the page then offers to sign in). */
export async function sessionOf(config: ConsoleConfig, ctx: RequestContext): Promise<Session> {
  const sealed = await unseal(ctx.headers.get("cookie"), sessionKey(config.sessionKey));
  if (!sealed || sealed.kind !== "session" || sealed.expiresAt * 1000 <= ctx.now)
    throw new AuthError("unauthorized", "not signed in to the console, or the session has expired: sign in again");
  return sealed;
}

/**
 * Changes only from the console's own script: a custom header a cross-site form cannot send (and a
 * cross-origin script only after a CORS preflight the console never grants), on top of SameSite=Strict.
 */
export function requireConsoleScript(ctx: RequestContext): void {
  if (ctx.headers.get(CSRF_HEADER) !== "1")
    throw new AuthError("forbidden", `console changes must come from the console page (header ${CSRF_HEADER}: 1)`);
}
