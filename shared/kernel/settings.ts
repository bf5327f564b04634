/**
 * The one place that reads the environment. Every name read here is listed in
 * config/app-settings.json, which local.settings.example.json and the Bicep app settings
 * follow (a drift test keeps them in step).
 */
import appSettings from "../../config/app-settings.json" with { type: "json" };

export type SettingName = (typeof appSettings.settings)[number]["name"];

export function setting(name: SettingName): string | undefined {
  const value = process.env[name];
  return value === undefined || value === "" ? undefined : value;
}

export function requiredSetting(name: SettingName): string {
  const value = setting(name);
  if (value === undefined) throw new Error(`setting ${name} is not set`);
  return value;
}

export interface AppConfig {
  cosmosEndpoint: string;
  cosmosKey?: string;
  cosmosDatabase: string;
  managedIdentityClientId?: string;
  authIssuer: string;
  authAudience: string;
  authJwksUri: string;
  /** A client that counts as a registered Backoffice client (bootstrap). */
  bootstrapClientId?: string;
  customerIdClaim: string;
  maxLiveReservations: number;
  reservationTtlSeconds: number;
  /** Sweeper grace for unfinished operations; only tests shorten it (see config/app-settings.json). */
  intentGraceSeconds: number;
}

export function loadConfig(): AppConfig {
  return {
    cosmosEndpoint: requiredSetting("COSMOS_ENDPOINT"),
    cosmosKey: setting("COSMOS_KEY"),
    cosmosDatabase: setting("COSMOS_DATABASE") ?? "bookme",
    managedIdentityClientId: setting("AZURE_CLIENT_ID"),
    authIssuer: requiredSetting("AUTH_ISSUER"),
    authAudience: requiredSetting("AUTH_AUDIENCE"),
    authJwksUri: requiredSetting("AUTH_JWKS_URI"),
    bootstrapClientId: setting("BOOTSTRAP_CLIENT_ID"),
    customerIdClaim: setting("CUSTOMER_ID_CLAIM") ?? "customer_id",
    maxLiveReservations: Number(setting("MAX_LIVE_RESERVATIONS_PER_CALLER") ?? 10),
    reservationTtlSeconds: Number(setting("RESERVATION_TTL_SECONDS") ?? 300),
    intentGraceSeconds: Number(setting("INTENT_GRACE_SECONDS") ?? 120),
  };
}

/** Cost caps of availability and grid queries (shared/booking/queries/query-budget.ts). */
export function loadQueryLimits(): { maxResourceDays: number; maxSlots: number } {
  return {
    maxResourceDays: positiveSetting("QUERY_MAX_RESOURCE_DAYS", 1500),
    maxSlots: positiveSetting("QUERY_MAX_SLOTS", 40_000),
  };
}

function positiveSetting(name: SettingName, fallback: number): number {
  const text = setting(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`setting ${name} must be a positive number`);
  return value;
}

export interface EventsConfig {
  /** Queue service URI (identity) or, when empty, the AzureWebJobsStorage connection string. */
  queueServiceUri?: string;
  storageConnection?: string;
  managedIdentityClientId?: string;
  webhookTimeoutSeconds: number;
  secretGraceSeconds: number;
  /** Retry delays (seconds); undefined: the Standard Webhooks schedule. */
  retrySchedule?: string;
  allowHttpLocalhost: boolean;
  /** How long a delivery waits for an earlier event of its meeting that is not written yet (sweeper grace, 3x, plus a sweep). */
  gapWaitMs: number;
}

export function loadEventsConfig(): EventsConfig {
  return {
    queueServiceUri: setting("EVENTS_QUEUE_SERVICE_URI"),
    storageConnection: setting("AzureWebJobsStorage"),
    managedIdentityClientId: setting("AZURE_CLIENT_ID"),
    webhookTimeoutSeconds: Number(setting("WEBHOOK_TIMEOUT_SECONDS") ?? 10),
    secretGraceSeconds: Number(setting("WEBHOOK_SECRET_GRACE_SECONDS") ?? 86_400),
    retrySchedule: setting("WEBHOOK_RETRY_SCHEDULE_SECONDS"),
    allowHttpLocalhost: setting("WEBHOOK_ALLOW_HTTP_LOCALHOST") === "true",
    gapWaitMs: 3 * Number(setting("INTENT_GRACE_SECONDS") ?? 120) * 1000 + 60_000,
  };
}

export interface PersonalDataConfig {
  /** Key Vault key id (without a version: its current version wraps new data keys). */
  keyVaultKeyId?: string;
  /** Local only: "name:base64key,..." (the first wraps new data keys). */
  devKeys?: string;
  managedIdentityClientId?: string;
}

export function loadPersonalDataConfig(): PersonalDataConfig {
  return {
    keyVaultKeyId: setting("PERSONAL_DATA_KEY_ID"),
    devKeys: setting("PERSONAL_DATA_DEV_KEYS"),
    managedIdentityClientId: setting("AZURE_CLIENT_ID"),
  };
}

export const APP_VERSION: string = "2.0.0";

export interface CalendarConfig {
  /** False when no tenant/client is configured: no sync, no Graph calls, availability as before. */
  enabled: boolean;
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  certificatePath?: string;
  federatedManagedIdentity: boolean;
  managedIdentityClientId?: string;
  graphBaseUrl: string;
  authorityHost: string;
  syncIntervalMs: number;
  staleAfterMs: number;
  /** Listings reuse busy-time documents this long (0: off); the booking check never does. */
  listingCacheMs: number;
  stalePolicy: "closed" | "open";
  tentativeBlocks: boolean;
  notificationUrl?: string;
  inviteCustomers: boolean;
  onlineMeetings: boolean;
}

export function loadCalendarConfig(): CalendarConfig {
  const tenantId = setting("GRAPH_TENANT_ID") ?? "";
  const clientId = setting("GRAPH_CLIENT_ID") ?? "";
  const policy = setting("CALENDAR_STALE_POLICY") ?? "closed";
  if (policy !== "closed" && policy !== "open") throw new Error("setting CALENDAR_STALE_POLICY must be closed or open");
  return {
    enabled: tenantId !== "" && clientId !== "",
    tenantId,
    clientId,
    clientSecret: setting("GRAPH_CLIENT_SECRET"),
    certificatePath: setting("GRAPH_CERTIFICATE_PATH"),
    federatedManagedIdentity: setting("GRAPH_FEDERATED_MANAGED_IDENTITY") === "true",
    managedIdentityClientId: setting("AZURE_CLIENT_ID"),
    graphBaseUrl: (setting("GRAPH_BASE_URL") ?? "https://graph.microsoft.com/v1.0").replace(/\/$/, ""),
    authorityHost: (setting("GRAPH_AUTHORITY_HOST") ?? "https://login.microsoftonline.com").replace(/\/$/, ""),
    syncIntervalMs: Number(setting("CALENDAR_SYNC_INTERVAL_SECONDS") ?? 300) * 1000,
    staleAfterMs: Number(setting("CALENDAR_STALE_AFTER_SECONDS") ?? 900) * 1000,
    listingCacheMs: Number(setting("CALENDAR_LISTING_CACHE_SECONDS") ?? 5) * 1000,
    stalePolicy: policy,
    tentativeBlocks: (setting("CALENDAR_TENTATIVE_BLOCKS") ?? "true") !== "false",
    notificationUrl: setting("CALENDAR_NOTIFICATION_URL"),
    inviteCustomers: setting("CALENDAR_INVITE_CUSTOMERS") === "true",
    onlineMeetings: setting("CALENDAR_ONLINE_MEETINGS") !== "false",
  };
}
