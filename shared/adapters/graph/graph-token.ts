/**
 * Application tokens for Microsoft Graph: one msal-node ConfidentialClientApplication per process,
 * client-credentials flow for https://graph.microsoft.com/.default, with a client secret, a
 * certificate, or a federated credential from the managed identity (no secret anywhere).
 * The authority's metadata is handed to msal so it does no instance discovery.
 */
import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import { ManagedIdentityCredential } from "@azure/identity";
import { ConfidentialClientApplication, type NodeAuthOptions } from "@azure/msal-node";
import type { CalendarConfig } from "../../kernel/settings.js";

export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

export type TokenProvider = () => Promise<string>;

function authorityMetadata(authority: string): string {
  return JSON.stringify({
    token_endpoint: `${authority}/oauth2/v2.0/token`,
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
    issuer: `${authority}/v2.0`,
    jwks_uri: `${authority}/discovery/v2.0/keys`,
  });
}

function credentialOf(config: CalendarConfig): Pick<NodeAuthOptions, "clientSecret" | "clientCertificate" | "clientAssertion"> {
  if (config.certificatePath) {
    const pem = fs.readFileSync(config.certificatePath, "utf8");
    const certPem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
    const privateKey = /-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+?-----END (RSA )?PRIVATE KEY-----/.exec(pem)?.[0];
    if (!certPem || !privateKey) throw new Error("GRAPH_CERTIFICATE_PATH must name a PEM file holding the certificate and its private key");
    const cert = new X509Certificate(certPem);
    return { clientCertificate: { thumbprintSha256: cert.fingerprint256.replaceAll(":", ""), privateKey, x5c: certPem } };
  }
  if (config.federatedManagedIdentity) {
    const identity = new ManagedIdentityCredential(config.managedIdentityClientId ? { clientId: config.managedIdentityClientId } : {});
    return {
      clientAssertion: async () => {
        const token = await identity.getToken("api://AzureADTokenExchange/.default");
        return token.token;
      },
    };
  }
  if (!config.clientSecret)
    throw new Error("set GRAPH_CLIENT_SECRET, GRAPH_CERTIFICATE_PATH or GRAPH_FEDERATED_MANAGED_IDENTITY=true for calendar sync");
  return { clientSecret: config.clientSecret };
}

/** A token provider over one ConfidentialClientApplication (msal caches and refreshes the token). */
export function graphTokenProvider(config: CalendarConfig): TokenProvider {
  const authority = `${config.authorityHost}/${config.tenantId}`;
  const client = new ConfidentialClientApplication({
    auth: {
      clientId: config.clientId,
      authority,
      knownAuthorities: [new URL(config.authorityHost).host],
      authorityMetadata: authorityMetadata(authority),
      ...credentialOf(config),
    },
  });
  return async () => {
    const result = await client.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] });
    if (!result?.accessToken) throw new Error("no Graph token was issued");
    return result.accessToken;
  };
}
