/**
 * Calls to the dev Graph from a process that was not started with its CA in NODE_EXTRA_CA_CERTS
 * (the test runner, npm start's seeding): node:https with the dev CA given per request.
 */
import fs from "node:fs";
import https from "node:https";

export interface DevGraphClient {
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: unknown; headers: Record<string, string | string[] | undefined> }>;
  /** A Graph token from the dev token endpoint (client credentials, like msal-node's). */
  token(): Promise<string>;
}

export function devGraphClient(
  origin: string,
  caFile: string,
  app: { tenantId: string; clientId: string; clientSecret: string },
): DevGraphClient {
  const ca = fs.readFileSync(caFile, "utf8");
  const send = (method: string, path: string, payload: string | undefined, headers: Record<string, string>) =>
    new Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
      const req = https.request(
        new URL(path, origin),
        { method, ca, headers: { ...headers, ...(payload ? { "content-length": Buffer.byteLength(payload).toString() } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res
            .on("data", (c: Buffer) => chunks.push(c))
            .on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), headers: res.headers }));
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  return {
    async request(method, path, body, headers = {}) {
      const res = await send(method, path, body === undefined ? undefined : JSON.stringify(body), {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      });
      return { status: res.status, body: res.text ? JSON.parse(res.text) : undefined, headers: res.headers };
    },
    async token() {
      const form = new URLSearchParams({
        grant_type: "client_credentials",
        client_id: app.clientId,
        client_secret: app.clientSecret,
        scope: "https://graph.microsoft.com/.default",
      }).toString();
      const res = await send("POST", `/${app.tenantId}/oauth2/v2.0/token`, form, { "content-type": "application/x-www-form-urlencoded" });
      return (JSON.parse(res.text) as { access_token: string }).access_token;
    },
  };
}
