/** The settings the app reads, pointed at the local stack. AUTH_* keep values the caller set (e.g. a real Entra ID tenant). */
import { DEMO_BACKOFFICE_CLIENT_ID, DEV_AUDIENCE, DEV_ISSUER, JWKS_PATH } from "./dev-issuer.js";

export interface LocalEnv {
  cosmosEndpoint: string;
  cosmosKey: string;
  storage: string;
  hostPort: number;
}

export function localEnv(values: LocalEnv, current: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    COSMOS_ENDPOINT: values.cosmosEndpoint,
    COSMOS_KEY: values.cosmosKey,
    AzureWebJobsStorage: values.storage,
    FUNCTIONS_WORKER_RUNTIME: "node",
    AUTH_ISSUER: current.AUTH_ISSUER || DEV_ISSUER,
    AUTH_AUDIENCE: current.AUTH_AUDIENCE || DEV_AUDIENCE,
    AUTH_JWKS_URI: current.AUTH_JWKS_URI || `http://127.0.0.1:${values.hostPort}${JWKS_PATH}`,
    BOOTSTRAP_CLIENT_ID: current.BOOTSTRAP_CLIENT_ID || DEMO_BACKOFFICE_CLIENT_ID,
    // Local runs may subscribe webhooks at http://localhost (a receiver on this machine).
    WEBHOOK_ALLOW_HTTP_LOCALHOST: current.WEBHOOK_ALLOW_HTTP_LOCALHOST || "true",
  };
}
