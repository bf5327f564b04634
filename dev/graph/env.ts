/** The settings that point the app at the dev Graph (its token endpoint, its API, this host's notification URL). */
import type { DevApp } from "./tokens.js";

export interface DevGraphEndpoint {
  baseUrl: string;
  authorityHost: string;
  caFile: string;
  app: DevApp;
}

export function devGraphEnv(graph: DevGraphEndpoint, hostPort: number, syncIntervalSeconds = 60): Record<string, string> {
  return {
    GRAPH_TENANT_ID: graph.app.tenantId,
    GRAPH_CLIENT_ID: graph.app.clientId,
    GRAPH_CLIENT_SECRET: graph.app.clientSecret,
    GRAPH_BASE_URL: graph.baseUrl,
    GRAPH_AUTHORITY_HOST: graph.authorityHost,
    CALENDAR_NOTIFICATION_URL: `http://127.0.0.1:${hostPort}/api/calendar/notifications`,
    CALENDAR_SYNC_INTERVAL_SECONDS: String(syncIntervalSeconds),
  };
}
