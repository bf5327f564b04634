/** Bearer-token verification (Entra ID v2 or the local dev issuer) and permission checks. */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { loadConfig } from "../config/settings.js";
import { DomainError, UnavailableError } from "../errors.js";

export const PERMISSIONS = ["BookMe.Read", "BookMe.Write", "BookMe.Admin"] as const;
export type Permission = (typeof PERMISSIONS)[number];

export interface Principal {
  subject: string;
  permissions: Set<string>;
}

export class AuthError extends DomainError {
  constructor(
    code: "unauthorized" | "forbidden",
    message: string,
    readonly challenge?: string,
  ) {
    super(code, message);
  }
}

const CLOCK_TOLERANCE_SECONDS = 60;
let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

/** JWKS client once per process: jose caches keys and refetches on an unknown kid. */
function keySet(uri: string) {
  jwks ??= createRemoteJWKSet(new URL(uri), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
  return jwks;
}

function challenge(error: string, description: string): string {
  return `Bearer realm="bookme", error="${error}", error_description="${description}"`;
}

export async function authenticate(authorization: string | null): Promise<Principal> {
  if (!authorization) {
    throw new AuthError("unauthorized", "an Authorization: Bearer <token> header is required", 'Bearer realm="bookme"');
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) {
    throw new AuthError("unauthorized", "the Authorization header must be 'Bearer <token>'", challenge("invalid_request", "malformed Authorization header"));
  }
  const config = loadConfig();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(match[1], keySet(config.authJwksUri), {
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
  return { subject: String(payload.sub ?? payload.oid ?? "unknown"), permissions: permissionsOf(payload) };
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

/** App roles (`roles`) and delegated scopes (`scp`, space-separated) both grant permissions. */
export function permissionsOf(payload: JWTPayload): Set<string> {
  const granted = new Set<string>();
  const roles = payload.roles;
  if (Array.isArray(roles)) for (const r of roles) if (typeof r === "string") granted.add(r);
  if (typeof payload.scp === "string") for (const s of payload.scp.split(" ")) if (s) granted.add(s);
  return granted;
}

export function authorize(principal: Principal, needed: Permission): void {
  if (!principal.permissions.has(needed)) {
    throw new AuthError("forbidden", `this operation needs the permission ${needed} (app role or delegated scope)`);
  }
}
