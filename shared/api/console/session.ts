/**
 * The console's state in the browser, never in the process (instances scale out): HttpOnly, Secure
 * cookies, each a JWE (dir, A256GCM) under CONSOLE_SESSION_KEY. bookme_console holds, during sign-in,
 * the PKCE verifier, state and nonce (SameSite=Lax: it must come back on the identity provider's
 * redirect, 10 minutes); after it, the access (SameSite=Strict: the person's API access token, name
 * and roles, until the token expires). bookme_console_rt holds the sign-in itself (SameSite=Strict,
 * up to SESSION_HOURS): who, and msal-node's token cache without the tokens in use (the account and
 * its refresh token), from which the back end gets the next access token (sign-in.ts refreshSession).
 * An access belongs to one sign-in (sid); signing out clears the sign-in. The browser's script never
 * sees a token. Two cookies because an Entra ID access token and refresh token together do not fit
 * in one cookie's 4096 bytes; every response sets at most one of them.
 */
import { base64url, EncryptJWT, jwtDecrypt } from "jose";
import { DomainError } from "../../kernel/errors.js";

export const SESSION_COOKIE = "bookme_console";
export const REFRESH_COOKIE = "bookme_console_rt";
/** How long a sign-in lasts at most (Entra ID's refresh tokens may live longer; the console asks again daily). */
export const SESSION_HOURS = 12;
export const COOKIE_PATH = "/console";
/** Browsers keep cookies up to 4096 bytes (name, value and attributes). */
const MAX_COOKIE_VALUE = 3900;

export type Audience = "staff" | "backoffice";

export interface LoginState {
  kind: "login";
  state: string;
  verifier: string;
  nonce: string;
  audience: Audience;
}

/** Who signed in (the access and the sign-in both carry it). */
export interface Profile {
  audience: Audience;
  name: string;
  username: string;
  /** The person's object id (oid): the advisor they are, if any (employee.entraObjectId). */
  oid: string;
  roles: string[];
}

/** The sign-in (bookme_console_rt): msal-node's serialized cache with the account and its refresh token. */
export interface SignIn extends Profile {
  kind: "sign-in";
  /** Ties accesses to this sign-in. */
  sid: string;
  /** Epoch seconds: when the person must sign in again. */
  endsAt: number;
  /** msal-node's token cache (serialize()) without access and ID tokens, deflated, base64url. */
  cache: string;
  /** The access token the sign-in itself got, when it fits: the first access needs no refresh. */
  first?: { accessToken: string; expiresAt: number };
}

/** An access (bookme_console): the person's API access token of one sign-in. */
export interface Session extends Profile {
  kind: "session";
  sid: string;
  accessToken: string;
  /** Epoch seconds: the access token's expiry. */
  expiresAt: number;
  /** Epoch seconds: the sign-in's end. */
  endsAt: number;
}

export type Sealed = LoginState | Session | SignIn;

export function sessionKey(text: string | undefined): Uint8Array {
  if (!text) throw new DomainError("service_unavailable", "the console is not configured: CONSOLE_SESSION_KEY is not set");
  const key = base64url.decode(text);
  if (key.length !== 32) throw new DomainError("service_unavailable", "CONSOLE_SESSION_KEY must be 32 bytes, base64url");
  return key;
}

export async function seal(value: Sealed, key: Uint8Array, maxAgeSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwe = await new EncryptJWT({ ...value })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(now)
    .setExpirationTime(now + maxAgeSeconds)
    .encrypt(key);
  if (jwe.length > MAX_COOKIE_VALUE) throw new Error("the console session does not fit in a cookie");
  return jwe;
}

/** The cookie's content, or undefined when absent, tampered with, expired or of another key. */
export async function unseal(cookieHeader: string | null, key: Uint8Array, name = SESSION_COOKIE): Promise<Sealed | undefined> {
  const raw = cookieValue(cookieHeader, name);
  if (!raw) return undefined;
  try {
    const { payload } = await jwtDecrypt(raw, key, { keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: ["A256GCM"] });
    if (payload.kind === "login" || payload.kind === "session" || payload.kind === "sign-in") return payload as unknown as Sealed;
    return undefined;
  } catch {
    return undefined;
  }
}

export function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export function setCookie(value: string, maxAgeSeconds: number, sameSite: "Strict" | "Lax", name = SESSION_COOKIE): string {
  return `${name}=${value}; Path=${COOKIE_PATH}; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; HttpOnly; Secure; SameSite=${sameSite}`;
}

export const clearCookie = (name = SESSION_COOKIE) => `${name}=; Path=${COOKIE_PATH}; Max-Age=0; HttpOnly; Secure; SameSite=Strict`;
