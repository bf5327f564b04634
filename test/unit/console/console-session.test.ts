/**
 * The console's session (issue 30): an access counts only with the sign-in it belongs to (signing out
 * clears the sign-in, so an access left behind is refused), a sign-in past its end is refused, and a
 * missing or stale access is replaced by the sign-in's first token with its cookie to set. (Renewal
 * through the refresh token talks to the identity provider: test/e2e/console.test.ts.)
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { base64url } from "jose";
import { sessionOf } from "../../../shared/api/console/console-http.js";
import { REFRESH_COOKIE, seal, SESSION_COOKIE, sessionKey, type Session, type SignIn } from "../../../shared/api/console/session.js";
import type { RequestContext } from "../../../shared/api/edge/endpoint.js";
import type { ConsoleConfig } from "../../../shared/kernel/settings.js";

const config: ConsoleConfig = { clients: {}, sessionKey: base64url.encode(randomBytes(32)) };
const key = sessionKey(config.sessionKey);
const nowS = () => Math.floor(Date.now() / 1000);
const profile = { audience: "staff" as const, name: "A", username: "a@bank.example", oid: "oid-1", roles: ["BookMe.Read"] };

const signIn = (over: Partial<SignIn> = {}): SignIn => ({
  kind: "sign-in",
  sid: "sid-1",
  endsAt: nowS() + 3600,
  cache: "",
  ...profile,
  first: { accessToken: "first-token", expiresAt: nowS() + 3000 },
  ...over,
});
const access = (over: Partial<Session> = {}): Session => ({
  kind: "session",
  sid: "sid-1",
  accessToken: "current-token",
  expiresAt: nowS() + 3000,
  endsAt: nowS() + 3600,
  ...profile,
  ...over,
});

async function ctxWith(cookies: { signIn?: SignIn; access?: Session }): Promise<RequestContext> {
  const parts: string[] = [];
  if (cookies.signIn) parts.push(`${REFRESH_COOKIE}=${await seal(cookies.signIn, key, 3600)}`);
  if (cookies.access) parts.push(`${SESSION_COOKIE}=${await seal(cookies.access, key, 3600)}`);
  return { headers: new Headers({ cookie: parts.join("; ") }), now: Date.now() } as unknown as RequestContext;
}

describe("console session", () => {
  it("an access without its sign-in (signed out) is refused", async () => {
    await expect(sessionOf(config, await ctxWith({ access: access() }))).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("a sign-in past its end is refused, whatever access comes with it", async () => {
    const ctx = await ctxWith({ signIn: signIn({ endsAt: nowS() - 1 }), access: access() });
    await expect(sessionOf(config, ctx)).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("a fresh access of this sign-in is used as is: no cookie to set", async () => {
    const { session, setCookie } = await sessionOf(config, await ctxWith({ signIn: signIn(), access: access() }));
    expect(session.accessToken).toBe("current-token");
    expect(setCookie).toBeUndefined();
  });

  it("no access, or one of another sign-in or about to expire: the sign-in's first token, its cookie set strict", async () => {
    for (const other of [undefined, access({ sid: "sid-0" }), access({ expiresAt: nowS() + 30 })]) {
      const { session, setCookie } = await sessionOf(config, await ctxWith({ signIn: signIn(), access: other }));
      expect(session).toMatchObject({ kind: "session", sid: "sid-1", accessToken: "first-token", oid: "oid-1" });
      expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[^;]+; Path=/console; Max-Age=\\d+; HttpOnly; Secure; SameSite=Strict$`));
    }
  });
});
