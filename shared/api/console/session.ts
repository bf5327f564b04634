/**
 * The console's state in the browser, never in the process (instances scale out): one HttpOnly,
 * Secure cookie holding a JWE (dir, A256GCM) under CONSOLE_SESSION_KEY. During sign-in it holds the
 * PKCE verifier, state and nonce (SameSite=Lax: it must come back on the identity provider's
 * redirect, 10 minutes); after it, the session (SameSite=Strict: the signed-in person's API access
 * token, name and roles, until the token expires). The browser's script never sees the token.
 */
import { base64url, EncryptJWT, jwtDecrypt } from "jose";
import { DomainError } from "../../kernel/errors.js";

export const SESSION_COOKIE = "bookme_console";
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

export interface Session {
  kind: "session";
  audience: Audience;
  accessToken: string;
  /** Epoch seconds: the access token's expiry. */
  expiresAt: number;
  name: string;
  username: string;
  /** The person's object id (oid): the advisor they are, if any (employee.entraObjectId). */
  oid: string;
  roles: string[];
}

export type Sealed = LoginState | Session;

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
export async function unseal(cookieHeader: string | null, key: Uint8Array): Promise<Sealed | undefined> {
  const raw = cookieValue(cookieHeader, SESSION_COOKIE);
  if (!raw) return undefined;
  try {
    const { payload } = await jwtDecrypt(raw, key, { keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: ["A256GCM"] });
    if (payload.kind === "login" || payload.kind === "session") return payload as unknown as Sealed;
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

export function setCookie(value: string, maxAgeSeconds: number, sameSite: "Strict" | "Lax"): string {
  return `${SESSION_COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; HttpOnly; Secure; SameSite=${sameSite}`;
}

export const clearCookie = () => `${SESSION_COOKIE}=; Path=${COOKIE_PATH}; Max-Age=0; HttpOnly; Secure; SameSite=Strict`;
