/**
 * The console's sign-in as a confidential client (a back end for the front end): the authorization
 * code flow with PKCE (S256) through @azure/msal-node, against Entra ID or, locally, the dev issuer
 * (the same protocol: OpenID metadata, authorize, token endpoint). The API's delegated scopes are
 * asked for on the API's audience; the token the console then calls the API with is the person's,
 * so the API applies their channel and roles (advisor, BookMe.Branch, back office).
 * A client application is built per sign-in: msal-node's token cache stays empty between requests
 * (the session lives in the encrypted cookie, session.ts), and nothing depends on this process.
 */
import { ConfidentialClientApplication, CryptoProvider, LogLevel, ProtocolMode } from "@azure/msal-node";
import { DomainError } from "../../kernel/errors.js";
import type { ConsoleConfig } from "../../kernel/settings.js";
import type { Audience, LoginState, Session } from "./session.js";

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

/** Redeems the code (with the PKCE verifier); the session to seal. */
export async function finishSignIn(config: ConsoleConfig, login: LoginState, code: string, consoleUrl: string): Promise<Session> {
  const result = await clientFor(config, login.audience).acquireTokenByCode({
    code,
    scopes: scopesFor(config, login.audience),
    redirectUri: redirectUriOf(consoleUrl),
    codeVerifier: login.verifier,
    nonce: login.nonce,
  });
  if (!result?.accessToken) throw new DomainError("unauthorized", "the identity provider returned no access token");
  const claims = (result.idTokenClaims ?? {}) as { name?: unknown; preferred_username?: unknown; roles?: unknown; oid?: unknown };
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    kind: "session",
    audience: login.audience,
    accessToken: result.accessToken,
    expiresAt: Math.floor((result.expiresOn?.getTime() ?? Date.now() + 3_600_000) / 1000),
    name: text(claims.name) || result.account?.name || "",
    username: text(claims.preferred_username) || result.account?.username || "",
    oid: text(claims.oid) || result.account?.localAccountId || "",
    roles: Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === "string") : [],
  };
}
