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
  roles: string[];
  scopes?: string[];
  subject?: string;
  audience?: string;
  issuer?: string;
  expiresInSeconds?: number;
  notBeforeSeconds?: number;
}

export async function signDevToken(key: DevKey, options: DevTokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { roles: options.roles };
  if (options.scopes?.length) claims.scp = options.scopes.join(" ");
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: key.privateJwk.kid, typ: "JWT" })
    .setIssuer(options.issuer ?? DEV_ISSUER)
    .setAudience(options.audience ?? DEV_AUDIENCE)
    .setSubject(options.subject ?? "local-developer")
    .setIssuedAt(now)
    .setNotBefore(now + (options.notBeforeSeconds ?? 0))
    .setExpirationTime(now + (options.expiresInSeconds ?? 3600))
    .setJti(randomUUID())
    .sign(await importJWK(key.privateJwk, "RS256"));
}
