/** Bearer-token verification (Entra ID v2 or the local dev issuer) and permission checks. */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import type { AppConfig } from "../../kernel/settings.js";
import { DomainError, UnavailableError } from "../../kernel/errors.js";

export const PERMISSIONS = ["BookMe.Read", "BookMe.Write", "BookMe.Admin"] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** A verified token's caller: app-only tokens carry roles, delegated tokens a user and scopes. */
export interface Principal {
  subject: string;
  /** tid */
  tenantId: string;
  /** The client application: azp (v2 tokens) or appid (v1); "" when the token names none. */
  clientId: string;
  /** oid of the signed-in user; absent for app-only tokens. */
  userId?: string;
  appOnly: boolean;
  /** Effective permissions: roles (app-only), or the delegated scopes the user's roles allow. */
  permissions: Set<string>;
  /** The user's app roles (delegated) or the app's (app-only), e.g. BookMe.Branch. */
  roles: Set<string>;
  /** Customer sign-in: the customer id claim. */
  customerId?: string;
}

export class AuthError extends DomainError {
  constructor(
    code: "unauthorized" | "forbidden" | "client_not_registered" | "channel_not_allowed",
    message: string,
    readonly challenge?: string,
  ) {
    super(code, message);
  }
}

const CLOCK_TOLERANCE_SECONDS = 60;

function challenge(error: string, description: string): string {
  return `Bearer realm="bookme", error="${error}", error_description="${description}"`;
}

export type TokenConfig = Pick<AppConfig, "authIssuer" | "authAudience" | "authJwksUri" | "customerIdClaim">;
export type Authenticate = (authorization: string | null) => Promise<Principal>;

interface TokenCheck {
  config: TokenConfig;
  /** jose caches the keys and refetches on an unknown kid. */
  keys: ReturnType<typeof createRemoteJWKSet>;
  verified: Map<string, { principal: Principal; until: number }>;
}

/** The bearer-token verifier: one JWKS client and one cache of verified tokens, made once by the composition root. */
export function tokenVerifier(config: TokenConfig): Authenticate {
  const check: TokenCheck = {
    config,
    keys: createRemoteJWKSet(new URL(config.authJwksUri), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 }),
    verified: new Map(),
  };
  return (authorization) => verify(check, authorization);
}

async function verify(check: TokenCheck, authorization: string | null): Promise<Principal> {
  if (!authorization) {
    throw new AuthError("unauthorized", "an Authorization: Bearer <token> header is required", 'Bearer realm="bookme"');
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) {
    throw new AuthError(
      "unauthorized",
      "the Authorization header must be 'Bearer <token>'",
      challenge("invalid_request", "malformed Authorization header"),
    );
  }
  const known = check.verified.get(match[1]);
  if (known && Date.now() < known.until) return known.principal;
  const { config } = check;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(match[1], check.keys, {
      issuer: config.authIssuer,
      audience: config.authAudience,
      algorithms: ["RS256"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["exp"],
    }));
  } catch (err) {
    // The keys could not be fetched or read: our outage, not the client's token (503, retry).
    if (signingKeysUnavailable(err)) throw new UnavailableError("the token signing keys could not be loaded; retry shortly");
    const reason = describeJoseError(err);
    throw new AuthError("unauthorized", `the bearer token is not valid: ${reason}`, challenge("invalid_token", reason));
  }
  const principal = principalOf(payload, config.customerIdClaim);
  remember(check.verified, match[1], principal, payload);
  return principal;
}

/**
 * Tokens that verified, by their exact text, until they expire (with the same clock tolerance
 * jose applies) but at most VERIFIED_MAX_AGE_MS: a client sends the same token with every call,
 * and an RS256 verification per request is a measurable share of a cheap request's CPU.
 * A token is accepted from here only while it would still verify, except that a signing key
 * withdrawn from the JWKS is noticed within VERIFIED_MAX_AGE_MS (jose caches the JWKS for longer).
 */
const VERIFIED_MAX_AGE_MS = 5 * 60_000;
const VERIFIED_MAX_ENTRIES = 10_000;
function remember(verified: TokenCheck["verified"], token: string, principal: Principal, payload: JWTPayload) {
  if (typeof payload.exp !== "number") return;
  const until = Math.min(payload.exp * 1000 + CLOCK_TOLERANCE_SECONDS * 1000, Date.now() + VERIFIED_MAX_AGE_MS);
  if (verified.size >= VERIFIED_MAX_ENTRIES) verified.clear();
  verified.set(token, { principal, until });
}

/** JWKS timeout, non-200 or unreadable JWKS response, or a network error (not a jose error at all). */
export function signingKeysUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !code.startsWith("ERR_J")) return true;
  return code === "ERR_JWKS_TIMEOUT" || code === "ERR_JOSE_GENERIC" || code === "ERR_JWKS_INVALID";
}

function describeJoseError(err: unknown): string {
  const code = (err as { code?: string }).code ?? "";
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return "token expired";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      return `claim '${(err as { claim?: string }).claim}' is not accepted`;
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return "signature does not verify";
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return "signing algorithm not allowed (RS256 required)";
    case "ERR_JWKS_NO_MATCHING_KEY":
      return "no signing key matches the token";
    default:
      return "malformed or unverifiable token";
  }
}

const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * Roles and scopes kept apart (Entra ID): a token without `scp` is app-only and its `roles` are the
 * app's permissions; a delegated token's permissions are its scopes, each only where the user holds
 * the app role of the same name (a client granted BookMe.Write cannot write for a user who may only read).
 */
export function principalOf(payload: JWTPayload, customerIdClaim = "customer_id"): Principal {
  const roles = new Set(Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === "string") : []);
  const scopes = typeof payload.scp === "string" ? payload.scp.split(" ").filter(Boolean) : undefined;
  const appOnly = scopes === undefined;
  const permissions = appOnly ? new Set(roles) : new Set(scopes.filter((s) => roles.has(s)));
  const userId = appOnly ? undefined : text(payload.oid);
  const customerId = text(payload[customerIdClaim]);
  return {
    subject: text(payload.sub) ?? userId ?? "unknown",
    tenantId: text(payload.tid) ?? "",
    clientId: text(payload.azp) ?? text(payload.appid) ?? "",
    ...(userId ? { userId } : {}),
    appOnly,
    permissions,
    roles,
    ...(customerId ? { customerId } : {}),
  };
}

export function authorize(principal: Principal, needed: Permission): void {
  if (!principal.permissions.has(needed)) {
    throw new AuthError(
      "forbidden",
      `this operation needs the permission ${needed} (an app role for app-only tokens; for delegated tokens a scope the user also holds as a role)`,
    );
  }
}
