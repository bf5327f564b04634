/**
 * The dev Graph's identity side: the OAuth2 v2.0 token endpoint of the client-credentials flow as
 * msal-node calls it (form body, client_id + client_secret, scope https://graph.microsoft.com/.default),
 * the tenant's OpenID metadata, and verification of the RS256 access tokens it issues.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK } from "jose";

export const GRAPH_AUDIENCE = "https://graph.microsoft.com";
export const GRAPH_ROLE = "Calendars.ReadWrite";

export interface DevApp {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

interface KeyPair {
  privateJwk: JWK;
  publicJwk: JWK;
}

async function ensureKey(dataDir: string | undefined): Promise<KeyPair> {
  const file = dataDir ? path.join(dataDir, "dev-graph", "token-signing-key.json") : undefined;
  if (file && fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as KeyPair;
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = randomUUID();
  const key = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: "RS256" },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" },
  };
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
  }
  return key;
}

export class DevTokenService {
  private constructor(
    private readonly key: KeyPair,
    readonly app: DevApp,
  ) {}

  static async create(app: DevApp, dataDir?: string) {
    return new DevTokenService(await ensureKey(dataDir), app);
  }

  issuer(origin: string) {
    return `${origin}/${this.app.tenantId}/v2.0`;
  }

  openIdConfiguration(origin: string) {
    const base = `${origin}/${this.app.tenantId}`;
    return {
      issuer: this.issuer(origin),
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_types_supported: ["code", "id_token", "token"],
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt"],
    };
  }

  jwks() {
    return { keys: [this.key.publicJwk] };
  }

  /** The token endpoint: an OAuth2 error object (RFC 6749 5.2) on a bad request, like Entra ID. */
  async token(tenant: string, form: URLSearchParams, origin: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const fail = (status: number, error: string, description: string) => ({
      status,
      body: { error, error_description: description, error_codes: [], timestamp: new Date().toISOString() },
    });
    if (tenant !== this.app.tenantId) return fail(400, "invalid_tenant", `AADSTS90002: Tenant '${tenant}' not found.`);
    if (form.get("grant_type") !== "client_credentials")
      return fail(400, "unsupported_grant_type", "AADSTS70003: only client_credentials is served here.");
    if (form.get("client_id") !== this.app.clientId)
      return fail(400, "unauthorized_client", `AADSTS700016: Application with identifier '${form.get("client_id")}' was not found.`);
    if (form.get("client_secret") !== this.app.clientSecret)
      return fail(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
    const scopes = (form.get("scope") ?? "").split(" ").filter(Boolean);
    if (!scopes.includes(`${GRAPH_AUDIENCE}/.default`))
      return fail(400, "invalid_scope", `AADSTS1002012: The provided value for scope is not valid; use ${GRAPH_AUDIENCE}/.default.`);
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT({ roles: [GRAPH_ROLE], appid: this.app.clientId, tid: this.app.tenantId, idtyp: "app" })
      .setProtectedHeader({ alg: "RS256", kid: this.key.privateJwk.kid, typ: "JWT" })
      .setIssuer(this.issuer(origin))
      .setAudience(GRAPH_AUDIENCE)
      .setSubject(this.app.clientId)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 3600)
      .setJti(randomUUID())
      .sign(await importJWK(this.key.privateJwk, "RS256"));
    return { status: 200, body: { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: accessToken } };
  }

  /** The roles of a valid token, or undefined when it is not one this service issued. */
  async verify(token: string, origin: string): Promise<string[] | undefined> {
    try {
      const { payload } = await jwtVerify(token, await importJWK(this.key.publicJwk, "RS256"), {
        issuer: this.issuer(origin),
        audience: GRAPH_AUDIENCE,
        algorithms: ["RS256"],
      });
      return Array.isArray(payload.roles) ? (payload.roles as string[]) : [];
    } catch {
      return undefined;
    }
  }
}
