/**
 * `npm run token -- --roles BookMe.Read,BookMe.Write`: prints a token (stdout, token only).
 * Local: signed by the dev issuer's key in the local data folder.
 * Entra ID: --tenant T --client-id C --client-secret S --scope api://bookme/.default (client credentials, @azure/msal-node).
 */
import { parseArgs } from "node:util";
import { ConfidentialClientApplication } from "@azure/msal-node";
import { dataDir } from "./data-dir.js";
import { ensureDevKey, signDevToken } from "./dev-issuer.js";

const { values } = parseArgs({
  options: {
    roles: { type: "string", default: "BookMe.Read,BookMe.Write,BookMe.Admin" },
    scopes: { type: "string" },
    subject: { type: "string" },
    "expires-in": { type: "string", default: "3600" },
    tenant: { type: "string" },
    "client-id": { type: "string" },
    "client-secret": { type: "string" },
    scope: { type: "string" },
  },
});

async function main(): Promise<string> {
  if (values.tenant || values["client-id"]) {
    if (!values.tenant || !values["client-id"] || !values["client-secret"] || !values.scope) {
      throw new Error("Entra ID tokens need --tenant, --client-id, --client-secret and --scope (e.g. api://bookme/.default)");
    }
    const msal = new ConfidentialClientApplication({
      auth: {
        clientId: values["client-id"],
        clientSecret: values["client-secret"],
        authority: `https://login.microsoftonline.com/${values.tenant}`,
      },
    });
    const result = await msal.acquireTokenByClientCredential({ scopes: [values.scope] });
    if (!result?.accessToken) throw new Error("Entra ID returned no access token");
    return result.accessToken;
  }
  const key = await ensureDevKey(dataDir());
  const list = (s?: string) =>
    (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean);
  return signDevToken(key, {
    roles: list(values.roles),
    scopes: list(values.scopes),
    subject: values.subject,
    expiresInSeconds: Number(values["expires-in"]),
  });
}

main().then(
  (token) => process.stdout.write(`${token}\n`),
  (err) => {
    process.stderr.write(`token: ${err instanceof Error ? err.message : err}\n`);
    process.exit(1);
  },
);
