/**
 * The console's sign-in as a confidential client (a back end for the front end): the authorization
 * code flow with PKCE (S256) through @azure/msal-node, against Entra ID or, locally, the dev issuer
 * (the same protocol: OpenID metadata, authorize, token endpoint). The API's delegated scopes are
 * asked for on the API's audience; the token the console then calls the API with is the person's,
 * so the API applies their channel and roles (advisor, BookMe.Branch, back office).
 * A client application is built per call; nothing depends on this process. msal-node's token cache
 * travels in the sealed sign-in cookie (session.ts) without the tokens in use: the account and its
 * refresh token. When the access token is about to expire, refreshSession loads that cache and asks
 * acquireTokenSilent for a new one (the refresh_token grant), so a session outlives the access token.
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { ConfidentialClientApplication, CryptoProvider, LogLevel, ProtocolMode } from "@azure/msal-node";
import { DomainError } from "../../kernel/errors.js";
import { AuthError } from "../edge/auth.js";
import type { ConsoleConfig } from "../../kernel/settings.js";
import { SESSION_HOURS, type Audience, type LoginState, type Profile, type Session, type SignIn } from "./session.js";

const crypto = new CryptoProvider();

/** Back office: also BookMe.Admin (configuration, webhooks); advisors and branch managers read and write. */
export function scopesFor(config: ConsoleConfig, audience: Audience): string[] {
  const api = config.apiAudience ?? "";
  const names = audience === "backoffice" ? ["BookMe.Read", "BookMe.Write", "BookMe.Admin"] : ["BookMe.Read", "BookMe.Write"];
  return names.map((n) => `${api}/${n}`);
}

function hostOf(url: string | undefined): string[] {
  try {
    return url ? [new URL(url).host] : [];
  } catch {
    return [];
  }
}

function clientFor(config: ConsoleConfig, audience: Audience): ConfidentialClientApplication {
  const client = config.clients[audience];
  if (!config.authority || !client)
    throw new DomainError(
      "service_unavailable",
      `the console's sign-in is not configured (CONSOLE_AUTHORITY and the ${audience === "staff" ? "CONSOLE_CLIENT_*" : "CONSOLE_BACKOFFICE_CLIENT_*"} settings)`,
    );
  return new ConfidentialClientApplication({
    auth: {
      clientId: client.id,
      clientSecret: client.secret,
      authority: config.authority,
      // The authority's own host, and the API's issuer host (the dev issuer names https://bookme.local/dev-issuer).
      knownAuthorities: [...hostOf(config.authority), ...hostOf(config.apiIssuer)],
    },
    system: {
      protocolMode: ProtocolMode.OIDC,
      loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined },
    },
  });
}

export function redirectUriOf(consoleUrl: string): string {
  return `${consoleUrl.replace(/\/+$/, "")}/auth/callback`;
}

/** Where to send the browser, and the state to keep (sealed in the cookie) until it comes back. */
export async function beginSignIn(
  config: ConsoleConfig,
  audience: Audience,
  consoleUrl: string,
): Promise<{ url: string; login: LoginState }> {
  const { verifier, challenge } = await crypto.generatePkceCodes();
  const login: LoginState = { kind: "login", state: crypto.createNewGuid(), nonce: crypto.createNewGuid(), verifier, audience };
  const url = await clientFor(config, audience).getAuthCodeUrl({
    scopes: scopesFor(config, audience),
    redirectUri: redirectUriOf(consoleUrl),
    codeChallenge: challenge,
    codeChallengeMethod: "S256",
    state: login.state,
    nonce: login.nonce,
    responseMode: "query",
    prompt: "select_account",
  });
  return { url, login };
}

/**
 * msal-node's cache without access and ID tokens (what the next refresh needs: the account and its
 * refresh token), deflated and base64url: small enough for a cookie.
 */
function refreshCache(client: ConfidentialClientApplication): string {
  const cache = JSON.parse(client.getTokenCache().serialize()) as Record<string, unknown>;
  return deflateRawSync(JSON.stringify({ ...cache, AccessToken: {}, IdToken: {} })).toString("base64url");
}

const cacheJson = (stored: string) => inflateRawSync(Buffer.from(stored, "base64url")).toString("utf8");

type TokenResult = NonNullable<Awaited<ReturnType<ConfidentialClientApplication["acquireTokenByCode"]>>>;

function profileOf(audience: Audience, result: TokenResult): Profile {
  const claims = (result.idTokenClaims ?? {}) as { name?: unknown; preferred_username?: unknown; roles?: unknown; oid?: unknown };
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    audience,
    name: text(claims.name) || result.account?.name || "",
    username: text(claims.preferred_username) || result.account?.username || "",
    oid: text(claims.oid) || result.account?.localAccountId || "",
    roles: Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === "string") : [],
  };
}

const expiryOf = (result: TokenResult, now: number) => Math.floor((result.expiresOn?.getTime() ?? now + 3_600_000) / 1000);

/** Redeems the code (with the PKCE verifier); the sign-in to seal, with its first access token. */
export async function finishSignIn(
  config: ConsoleConfig,
  login: LoginState,
  code: string,
  consoleUrl: string,
  now: number,
): Promise<SignIn> {
  const client = clientFor(config, login.audience);
  const result = await client.acquireTokenByCode({
    code,
    scopes: scopesFor(config, login.audience),
    redirectUri: redirectUriOf(consoleUrl),
    codeVerifier: login.verifier,
    nonce: login.nonce,
  });
  if (!result?.accessToken) throw new DomainError("unauthorized", "the identity provider returned no access token");
  return {
    kind: "sign-in",
    sid: crypto.createNewGuid(),
    endsAt: Math.floor(now / 1000) + SESSION_HOURS * 3600,
    ...profileOf(login.audience, result),
    cache: refreshCache(client),
    first: { accessToken: result.accessToken, expiresAt: expiryOf(result, now) },
  };
}

/** The access a sign-in's own first token gives. */
export function firstAccess(signIn: SignIn): Session | undefined {
  if (!signIn.first) return undefined;
  const { kind: _kind, cache: _cache, first, ...profile } = signIn;
  return { ...profile, kind: "session", accessToken: first.accessToken, expiresAt: first.expiresAt };
}

/**
 * A new access token for the sign-in: msal-node's cache loaded from it, then acquireTokenSilent with
 * forceRefresh (the refresh token grant at the identity provider). Fails with 401 when the identity
 * provider refuses (refresh token expired or revoked, the person's access removed): sign in again.
 */
export async function refreshSession(config: ConsoleConfig, signIn: SignIn, now: number): Promise<Session> {
  const client = clientFor(config, signIn.audience);
  const cache = client.getTokenCache();
  cache.deserialize(cacheJson(signIn.cache));
  const [account] = await cache.getAllAccounts();
  if (!account) throw new AuthError("unauthorized", "the console session has no account to refresh: sign in again");
  let result: TokenResult | null;
  try {
    result = await client.acquireTokenSilent({ account, scopes: scopesFor(config, signIn.audience), forceRefresh: true });
  } catch {
    throw new AuthError("unauthorized", "the console session could not be renewed: sign in again");
  }
  if (!result?.accessToken) throw new AuthError("unauthorized", "the console session could not be renewed: sign in again");
  const { kind: _kind, cache: _cache, first: _first, ...profile } = signIn;
  return { ...profile, kind: "session", accessToken: result.accessToken, expiresAt: expiryOf(result, now) };
}
