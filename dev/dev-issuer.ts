/**
 * Local development token issuer: an RSA key kept in the local data folder signs RS256 tokens
 * that the local stack accepts (the local host serves its public JWKS). Never used in Azure.
 */
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";

export const DEV_ISSUER = "https://bookme.local/dev-issuer";
export const DEV_AUDIENCE = "api://bookme-local";
export const JWKS_PATH = "/dev-issuer/jwks.json";
/** The local tenant, and the demo's Backoffice client: what `npm run token` mints without --client-id. */
export const DEV_TENANT_ID = "7e57e000-0000-4000-8000-000000000001";
export const DEMO_BACKOFFICE_CLIENT_ID = "b0ff1ce0-0000-4000-8000-000000000001";

export interface DevKey {
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function ensureDevKey(dataDir: string): Promise<DevKey> {
  const file = path.join(dataDir, "dev-issuer", "signing-key.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as DevKey;
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = randomUUID();
  const key: DevKey = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" },
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
  return key;
}

export function jwksOf(key: DevKey): { keys: JWK[] } {
  return { keys: [key.publicJwk] };
}

export interface DevTokenOptions {
  /** App roles: the app's (app-only), or the user's (with scopes). */
  roles: string[];
  /** Delegated scopes: the token is then a user's (oid = subject). */
  scopes?: string[];
  subject?: string;
  /** azp; default the demo's Backoffice client, "" for a token naming no client. */
  clientId?: string;
  tenantId?: string;
  customerId?: string;
  audience?: string;
  issuer?: string;
  expiresInSeconds?: number;
  notBeforeSeconds?: number;
}

export async function signDevToken(key: DevKey, options: DevTokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const subject = options.subject ?? "local-developer";
  const clientId = options.clientId ?? DEMO_BACKOFFICE_CLIENT_ID;
  const claims: Record<string, unknown> = { roles: options.roles, tid: options.tenantId ?? DEV_TENANT_ID, ver: "2.0" };
  if (clientId) claims.azp = clientId;
  if (options.scopes?.length) Object.assign(claims, { scp: options.scopes.join(" "), oid: subject });
  else claims.idtyp = "app";
  if (options.customerId) claims.customer_id = options.customerId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: key.privateJwk.kid, typ: "JWT" })
    .setIssuer(options.issuer ?? DEV_ISSUER)
    .setAudience(options.audience ?? DEV_AUDIENCE)
    .setSubject(subject)
    .setIssuedAt(now)
    .setNotBefore(now + (options.notBeforeSeconds ?? 0))
    .setExpirationTime(now + (options.expiresInSeconds ?? 3600))
    .setJti(randomUUID())
    .sign(await importJWK(key.privateJwk, "RS256"));
}
