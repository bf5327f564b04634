/**
 * The dev token issuer as an OpenID Connect provider, for the console's sign-in (authorization code
 * with PKCE, as Entra ID serves it to a confidential client through msal-node):
 * - over HTTPS with the dev CA (the back channel msal-node calls, trusting the CA through
 *   NODE_EXTRA_CA_CERTS): /dev-issuer/.well-known/openid-configuration, /dev-issuer/token (the
 *   authorization_code grant: client secret, redirect URI and S256 code_verifier checked, the code
 *   single-use and valid 2 minutes; and the refresh_token grant: with offline_access the code's
 *   answer carries a refresh token, a JWT signed with the dev key naming the person, client and scopes,
 *   valid 24 hours and, as Entra ID's for a confidential client, not spent by use), /dev-issuer/jwks.json;
 * - over plain HTTP on localhost (what an ordinary browser opens without a certificate warning):
 *   /dev-issuer/authorize, a sign-in page listing the demo's people (dev-issuer-people.ts) to click.
 * Tokens are those signDevToken mints (issuer DEV_ISSUER, audience DEV_AUDIENCE), with the person's
 * roles and, as scp, the API scopes the client asked for; the API keeps only those the roles allow.
 */
import { createHash, randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { importJWK, jwtVerify, SignJWT } from "jose";
import { DEV_AUDIENCE, DEV_ISSUER, DEV_TENANT_ID, jwksOf, signDevToken, type DevKey } from "./dev-issuer.js";
import {
  CONSOLE_BACKOFFICE_CLIENT_ID,
  CONSOLE_DEV_CLIENT_SECRET,
  CONSOLE_STAFF_CLIENT_ID,
  peopleFor,
  type DemoPerson,
} from "./dev-issuer-people.js";
import { ensureDevTls } from "./graph/tls.js";

export const OIDC_PATH = "/dev-issuer";
const CODE_TTL_MS = 120_000;
const TOKEN_SECONDS = 3600;
const REFRESH_SECONDS = 24 * 3600;
const REFRESH_TYP = "dev-refresh+jwt";

export interface DevIssuerOidcOptions {
  dataDir: string;
  key: DevKey;
  /** 0: any free port. */
  httpsPort: number;
  httpPort: number;
  /** Access and ID tokens' lifetime; default 3600 (Entra ID's 60-90 minutes). Tests shorten it to see sessions refresh. */
  tokenSeconds?: number;
  log?: (line: string) => void;
}

export interface DevIssuerOidc {
  /** The authority msal-node is configured with: https://localhost:PORT/dev-issuer */
  authority: string;
  /** Where browsers sign in: http://localhost:PORT/dev-issuer/authorize */
  authorizeUrl: string;
  caFile: string;
  stop(): Promise<void>;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scopes: string[];
  nonce?: string;
  person: DemoPerson;
  until: number;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

const json = (status: number, body: unknown): Reply => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  body: JSON.stringify(body),
});
const oauthError = (error: string, description: string, status = 400) => json(status, { error, error_description: description });

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const base64url = (b: Buffer) => b.toString("base64url");
export const s256 = (verifier: string) => base64url(createHash("sha256").update(verifier).digest());

/** Only loopback redirect URIs (Entra ID allows http only for localhost too). */
function loopbackRedirect(value: string | null): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && ["localhost", "127.0.0.1"].includes(url.hostname) ? url : undefined;
  } catch {
    return undefined;
  }
}

const KIND_LABEL: Record<DemoPerson["kind"], string> = {
  "branch-manager": "Branch manager (BookMe.Branch)",
  advisor: "Advisor",
  "back-office": "Back office",
};

function signInPage(params: URLSearchParams, people: DemoPerson[]): string {
  const hidden = [...params]
    .filter(([k]) => k !== "oid")
    .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
    .join("");
  const groups = (["branch-manager", "advisor", "back-office"] as const)
    .map((kind) => {
      const list = people.filter((p) => p.kind === kind);
      if (!list.length) return "";
      const buttons = list
        .map(
          (p) =>
            `<li><button type="submit" name="oid" value="${escape(p.oid)}">${escape(p.name)}</button> <span>${escape(p.detail)}</span></li>`,
        )
        .join("");
      return `<section aria-labelledby="h-${kind}"><h2 id="h-${kind}">${escape(KIND_LABEL[kind])}</h2><ul>${buttons}</ul></section>`;
    })
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in (BookMe dev issuer)</title></head><body><main><h1>Sign in to BookMe</h1>
<p>Local development sign-in: pick one of the demo's people. In Azure, Entra ID signs people in here.</p>
<form method="post" action="${OIDC_PATH}/authorize">${hidden}${groups}</form></main></body></html>`;
}

export async function startDevIssuerOidc(options: DevIssuerOidcOptions): Promise<DevIssuerOidc> {
  const log = options.log ?? (() => undefined);
  const tls = ensureDevTls(options.dataDir);
  const codes = new Map<string, PendingCode>();
  let authority = "";
  let authorizeUrl = "";

  const metadata = () => ({
    issuer: DEV_ISSUER,
    authorization_endpoint: authorizeUrl,
    token_endpoint: `${authority}/token`,
    jwks_uri: `${authority}/jwks.json`,
    end_session_endpoint: `${authorizeUrl.replace(/\/authorize$/, "")}/logout`,
    response_types_supported: ["code"],
    response_modes_supported: ["query", "form_post"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    scopes_supported: ["openid", "profile", "email", "offline_access", `${DEV_AUDIENCE}/BookMe.Read`, `${DEV_AUDIENCE}/BookMe.Write`],
    token_endpoint_auth_methods_supported: ["client_secret_post"],
    code_challenge_methods_supported: ["S256"],
    claims_supported: ["sub", "oid", "tid", "name", "preferred_username", "nonce", "roles"],
  });

  /** Checks the authorization request; the people the client may sign in, or the error to show. */
  function checkAuthorize(params: URLSearchParams): { people: DemoPerson[]; redirect: URL } | Reply {
    const redirect = loopbackRedirect(params.get("redirect_uri"));
    if (!redirect) return { status: 400, body: "redirect_uri must be an http(s) URL on localhost" };
    const clientId = params.get("client_id") ?? "";
    const people = peopleFor(clientId);
    if (!people.length) return { status: 400, body: `unknown client_id '${escape(clientId)}'` };
    if (params.get("response_type") !== "code") return { status: 400, body: "response_type must be code" };
    if (!params.get("code_challenge") || params.get("code_challenge_method") !== "S256")
      return { status: 400, body: "PKCE is required: code_challenge with code_challenge_method=S256" };
    if (!(params.get("scope") ?? "").split(" ").includes("openid")) return { status: 400, body: "scope must include openid" };
    return { people, redirect };
  }

  function authorize(params: URLSearchParams, method: string): Reply {
    const checked = checkAuthorize(params);
    if ("status" in checked) return { ...checked, headers: { "content-type": "text/plain; charset=utf-8" } };
    if (method === "GET")
      return {
        status: 200,
        headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-frame-options": "DENY" },
        body: signInPage(params, checked.people),
      };
    const person = checked.people.find((p) => p.oid === params.get("oid"));
    if (!person) return { status: 400, headers: { "content-type": "text/plain; charset=utf-8" }, body: "pick one of the listed people" };
    const code = base64url(randomBytes(32));
    const now = Date.now();
    for (const [k, v] of codes) if (v.until < now) codes.delete(k);
    codes.set(code, {
      clientId: params.get("client_id") ?? "",
      redirectUri: params.get("redirect_uri") ?? "",
      challenge: params.get("code_challenge") ?? "",
      scopes: (params.get("scope") ?? "").split(" ").filter(Boolean),
      nonce: params.get("nonce") ?? undefined,
      person,
      until: now + CODE_TTL_MS,
    });
    const target = checked.redirect;
    target.searchParams.set("code", code);
    const state = params.get("state");
    if (state) target.searchParams.set("state", state);
    return { status: 302, headers: { location: target.toString(), "cache-control": "no-store" } };
  }

  const tokenSeconds = options.tokenSeconds ?? TOKEN_SECONDS;
  const signingKey = () => importJWK(options.key.privateJwk, "RS256");

  async function token(form: URLSearchParams): Promise<Reply> {
    const grant = form.get("grant_type");
    if (grant !== "authorization_code" && grant !== "refresh_token")
      return oauthError(
        "unsupported_grant_type",
        "only authorization_code and refresh_token are served here (app-only tokens: npm run token)",
      );
    const clientId = form.get("client_id") ?? "";
    if (!peopleFor(clientId).length) return oauthError("invalid_client", `unknown client_id '${clientId}'`, 401);
    if (form.get("client_secret") !== CONSOLE_DEV_CLIENT_SECRET) return oauthError("invalid_client", "invalid client secret", 401);
    return grant === "refresh_token" ? refreshGrant(form, clientId) : codeGrant(form, clientId);
  }

  async function codeGrant(form: URLSearchParams, clientId: string): Promise<Reply> {
    const code = form.get("code") ?? "";
    const pending = codes.get(code);
    codes.delete(code);
    if (!pending || pending.until < Date.now() || pending.clientId !== clientId)
      return oauthError("invalid_grant", "the authorization code is unknown, used or expired");
    if (form.get("redirect_uri") !== pending.redirectUri)
      return oauthError("invalid_grant", "redirect_uri differs from the authorization request");
    if (s256(form.get("code_verifier") ?? "") !== pending.challenge)
      return oauthError("invalid_grant", "code_verifier does not match the code_challenge");
    return tokens(pending.person, clientId, pending.scopes, pending.nonce);
  }

  /** A refresh token of this client: new tokens for the same person, for the scopes asked (within those granted). */
  async function refreshGrant(form: URLSearchParams, clientId: string): Promise<Reply> {
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(form.get("refresh_token") ?? "", await importJWK(options.key.publicJwk, "RS256"), {
        issuer: DEV_ISSUER,
        audience: OIDC_PATH,
        typ: REFRESH_TYP,
      }));
    } catch {
      return oauthError("invalid_grant", "the refresh token is invalid or expired: sign in again");
    }
    if (claims.azp !== clientId) return oauthError("invalid_grant", "the refresh token was issued to another client");
    const person = peopleFor(clientId).find((p) => p.oid === claims.oid);
    if (!person) return oauthError("invalid_grant", "the refresh token's user may no longer sign in to this client");
    const granted = typeof claims.scp === "string" ? claims.scp.split(" ") : [];
    const asked = (form.get("scope") ?? "").split(" ").filter(Boolean);
    const beyond = asked.filter((s) => !granted.includes(s));
    if (beyond.length) return oauthError("invalid_scope", `not granted at sign-in: ${beyond.join(" ")}`);
    return tokens(person, clientId, asked.length ? asked : granted);
  }

  async function tokens(person: DemoPerson, clientId: string, scopes: string[], nonce?: string): Promise<Reply> {
    const prefix = `${DEV_AUDIENCE}/`;
    const apiScopes = scopes.filter((s) => s.startsWith(prefix)).map((s) => s.slice(prefix.length));
    const accessToken = await signDevToken(options.key, {
      roles: person.roles,
      scopes: apiScopes.length ? apiScopes : ["BookMe.Read"],
      subject: person.oid,
      clientId,
      expiresInSeconds: tokenSeconds,
    });
    const now = Math.floor(Date.now() / 1000);
    const key = await signingKey();
    const idToken = await new SignJWT({
      oid: person.oid,
      tid: DEV_TENANT_ID,
      name: person.name,
      preferred_username: person.email,
      roles: person.roles,
      ver: "2.0",
      ...(nonce ? { nonce } : {}),
    })
      .setProtectedHeader({ alg: "RS256", kid: options.key.privateJwk.kid, typ: "JWT" })
      .setIssuer(DEV_ISSUER)
      .setAudience(clientId)
      .setSubject(person.oid)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + tokenSeconds)
      .sign(key);
    const refreshToken = scopes.includes("offline_access")
      ? await new SignJWT({ oid: person.oid, azp: clientId, scp: scopes.join(" ") })
          .setProtectedHeader({ alg: "RS256", kid: options.key.privateJwk.kid, typ: REFRESH_TYP })
          .setIssuer(DEV_ISSUER)
          .setAudience(OIDC_PATH)
          .setJti(base64url(randomBytes(16)))
          .setIssuedAt(now)
          .setExpirationTime(now + REFRESH_SECONDS)
          .sign(key)
      : undefined;
    return json(200, {
      token_type: "Bearer",
      scope: apiScopes.map((s) => prefix + s).join(" "),
      expires_in: tokenSeconds,
      ext_expires_in: tokenSeconds,
      access_token: accessToken,
      id_token: idToken,
      ...(refreshToken ? { refresh_token: refreshToken, refresh_token_expires_in: REFRESH_SECONDS } : {}),
      client_info: base64url(Buffer.from(JSON.stringify({ uid: person.oid, utid: DEV_TENANT_ID }))),
    });
  }

  async function route(req: IncomingMessage, body: string): Promise<Reply> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = (req.method ?? "GET").toUpperCase();
    const rel = url.pathname.startsWith(OIDC_PATH) ? url.pathname.slice(OIDC_PATH.length) : "";
    if (rel === "/.well-known/openid-configuration" && method === "GET") return json(200, metadata());
    if (rel === "/jwks.json" && method === "GET") return json(200, jwksOf(options.key));
    if (rel === "/authorize" && method === "GET") return authorize(url.searchParams, method);
    if (rel === "/authorize" && method === "POST") return authorize(new URLSearchParams(body), method);
    if (rel === "/token" && method === "POST") return token(new URLSearchParams(body));
    if (rel === "/logout") {
      const back = loopbackRedirect(url.searchParams.get("post_logout_redirect_uri"));
      return back ? { status: 302, headers: { location: back.toString() } } : { status: 200, body: "signed out" };
    }
    return json(404, { error: "not_found" });
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      route(req, Buffer.concat(chunks).toString()).then(
        (reply) => (res.writeHead(reply.status, reply.headers), res.end(reply.body)),
        (err: unknown) => {
          log(`dev issuer: ${err instanceof Error ? err.message : String(err)}`);
          if (!res.headersSent) res.writeHead(500).end();
        },
      );
    });
  };
  const secure = https.createServer({ key: tls.key, cert: tls.cert }, handler);
  const plain = http.createServer(handler);
  const listen = (server: http.Server, port: number) =>
    new Promise<number>((resolve, reject) =>
      server.once("error", reject).listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
    );
  authority = `https://localhost:${await listen(secure, options.httpsPort)}${OIDC_PATH}`;
  authorizeUrl = `http://localhost:${await listen(plain, options.httpPort)}${OIDC_PATH}/authorize`;
  const close = (server: http.Server) => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return { authority, authorizeUrl, caFile: tls.caFile, stop: async () => void (await Promise.all([close(secure), close(plain)])) };
}

/**
 * The console's settings for a local stack: the dev issuer as authority, the demo's two console
 * clients, a session key derived from the dev signing key (every local host shares it), and this
 * host's own API behind the local gateway's subscription key.
 */
export function devConsoleEnv(issuer: Pick<DevIssuerOidc, "authority">, key: DevKey, hostPort: number): Record<string, string> {
  return {
    CONSOLE_AUTHORITY: issuer.authority,
    CONSOLE_CLIENT_ID: CONSOLE_STAFF_CLIENT_ID,
    CONSOLE_CLIENT_SECRET: CONSOLE_DEV_CLIENT_SECRET,
    CONSOLE_BACKOFFICE_CLIENT_ID: CONSOLE_BACKOFFICE_CLIENT_ID,
    CONSOLE_BACKOFFICE_CLIENT_SECRET: CONSOLE_DEV_CLIENT_SECRET,
    CONSOLE_SESSION_KEY: base64url(
      createHash("sha256")
        .update(`bookme-console-session:${String(key.privateJwk.d)}`)
        .digest(),
    ),
    CONSOLE_API_BASE_URL: `http://127.0.0.1:${hostPort}/api/v2/bookme`,
    CONSOLE_API_SUBSCRIPTION_KEY: "local-dev-subscription-key",
  };
}
