/**
 * `npm run token`: prints a token (stdout, token only) for any kind of caller.
 * Local (signed by the dev issuer's key in the local data folder):
 *   --client-id C   the calling client application (azp); default the demo's Backoffice client
 *   --roles R,...   app roles: app-only token (default BookMe.Read,BookMe.Write,BookMe.Admin);
 *                   with --scopes, the signed-in user's roles
 *   --scopes S,...  delegated scopes: a user's token (oid = --subject)
 *   --subject ID    sub/oid; --customer-id ID the customer claim; --tenant-id T the tid
 * Entra ID: --client-secret S --tenant-id T --client-id C --scope api://bookme/.default (client credentials, @azure/msal-node).
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
    "customer-id": { type: "string" },
    "expires-in": { type: "string", default: "3600" },
    "tenant-id": { type: "string" },
    "client-id": { type: "string" },
    "client-secret": { type: "string" },
    scope: { type: "string" },
  },
});

async function main(): Promise<string> {
  if (values["client-secret"]) {
    if (!values["tenant-id"] || !values["client-id"] || !values.scope) {
      throw new Error("Entra ID tokens need --tenant-id, --client-id, --client-secret and --scope (e.g. api://bookme/.default)");
    }
    const msal = new ConfidentialClientApplication({
      auth: {
        clientId: values["client-id"],
        clientSecret: values["client-secret"],
        authority: `https://login.microsoftonline.com/${values["tenant-id"]}`,
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
    clientId: values["client-id"],
    tenantId: values["tenant-id"],
    customerId: values["customer-id"],
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
