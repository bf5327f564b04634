/**
 * The one place that reads the environment. Every name read here is listed in
 * config/app-settings.json, which local.settings.example.json and the Bicep app settings
 * follow (a drift test keeps them in step).
 */
import appSettings from "../../config/app-settings.json" with { type: "json" };

export type SettingName = (typeof appSettings.settings)[number]["name"];

/** The environment settings are read from: the process's, or a stack's own (dev, tests). */
export type Environment = Record<string, string | undefined>;

export function setting(name: SettingName, env: Environment = process.env): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

export function requiredSetting(name: SettingName, env: Environment = process.env): string {
  const value = setting(name, env);
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

export function loadConfig(env: Environment = process.env): AppConfig {
  return {
    cosmosEndpoint: requiredSetting("COSMOS_ENDPOINT", env),
    cosmosKey: setting("COSMOS_KEY", env),
    cosmosDatabase: setting("COSMOS_DATABASE", env) ?? "bookme",
    managedIdentityClientId: setting("AZURE_CLIENT_ID", env),
    authIssuer: requiredSetting("AUTH_ISSUER", env),
    authAudience: requiredSetting("AUTH_AUDIENCE", env),
    authJwksUri: requiredSetting("AUTH_JWKS_URI", env),
    bootstrapClientId: setting("BOOTSTRAP_CLIENT_ID", env),
    customerIdClaim: setting("CUSTOMER_ID_CLAIM", env) ?? "customer_id",
    maxLiveReservations: Number(setting("MAX_LIVE_RESERVATIONS_PER_CALLER", env) ?? 10),
    reservationTtlSeconds: Number(setting("RESERVATION_TTL_SECONDS", env) ?? 300),
    intentGraceSeconds: Number(setting("INTENT_GRACE_SECONDS", env) ?? 120),
  };
}

/** Cost caps of availability and grid queries (shared/booking/queries/query-budget.ts). */
export function loadQueryLimits(env: Environment = process.env): { maxResourceDays: number; maxSlots: number } {
  return {
    maxResourceDays: positiveSetting("QUERY_MAX_RESOURCE_DAYS", 1500, env),
    maxSlots: positiveSetting("QUERY_MAX_SLOTS", 40_000, env),
  };
}

function positiveSetting(name: SettingName, fallback: number, env: Environment): number {
  const text = setting(name, env);
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

export function loadEventsConfig(env: Environment = process.env): EventsConfig {
  return {
    queueServiceUri: setting("EVENTS_QUEUE_SERVICE_URI", env),
    storageConnection: setting("AzureWebJobsStorage", env),
    managedIdentityClientId: setting("AZURE_CLIENT_ID", env),
    webhookTimeoutSeconds: Number(setting("WEBHOOK_TIMEOUT_SECONDS", env) ?? 10),
    secretGraceSeconds: Number(setting("WEBHOOK_SECRET_GRACE_SECONDS", env) ?? 86_400),
    retrySchedule: setting("WEBHOOK_RETRY_SCHEDULE_SECONDS", env),
    allowHttpLocalhost: setting("WEBHOOK_ALLOW_HTTP_LOCALHOST", env) === "true",
    gapWaitMs: 3 * Number(setting("INTENT_GRACE_SECONDS", env) ?? 120) * 1000 + 60_000,
  };
}

export interface PersonalDataConfig {
  /** Key Vault key id (without a version: its current version wraps new data keys). */
  keyVaultKeyId?: string;
  /** Local only: "name:base64key,..." (the first wraps new data keys). */
  devKeys?: string;
  managedIdentityClientId?: string;
}

export function loadPersonalDataConfig(env: Environment = process.env): PersonalDataConfig {
  return {
    keyVaultKeyId: setting("PERSONAL_DATA_KEY_ID", env),
    devKeys: setting("PERSONAL_DATA_DEV_KEYS", env),
    managedIdentityClientId: setting("AZURE_CLIENT_ID", env),
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

export function loadCalendarConfig(env: Environment = process.env): CalendarConfig {
  const tenantId = setting("GRAPH_TENANT_ID", env) ?? "";
  const clientId = setting("GRAPH_CLIENT_ID", env) ?? "";
  const policy = setting("CALENDAR_STALE_POLICY", env) ?? "closed";
  if (policy !== "closed" && policy !== "open") throw new Error("setting CALENDAR_STALE_POLICY must be closed or open");
  return {
    enabled: tenantId !== "" && clientId !== "",
    tenantId,
    clientId,
    clientSecret: setting("GRAPH_CLIENT_SECRET", env),
    certificatePath: setting("GRAPH_CERTIFICATE_PATH", env),
    federatedManagedIdentity: setting("GRAPH_FEDERATED_MANAGED_IDENTITY", env) === "true",
    managedIdentityClientId: setting("AZURE_CLIENT_ID", env),
    graphBaseUrl: (setting("GRAPH_BASE_URL", env) ?? "https://graph.microsoft.com/v1.0").replace(/\/$/, ""),
    authorityHost: (setting("GRAPH_AUTHORITY_HOST", env) ?? "https://login.microsoftonline.com").replace(/\/$/, ""),
    syncIntervalMs: Number(setting("CALENDAR_SYNC_INTERVAL_SECONDS", env) ?? 300) * 1000,
    staleAfterMs: Number(setting("CALENDAR_STALE_AFTER_SECONDS", env) ?? 900) * 1000,
    listingCacheMs: Number(setting("CALENDAR_LISTING_CACHE_SECONDS", env) ?? 5) * 1000,
    stalePolicy: policy,
    tentativeBlocks: (setting("CALENDAR_TENTATIVE_BLOCKS", env) ?? "true") !== "false",
    notificationUrl: setting("CALENDAR_NOTIFICATION_URL", env),
    inviteCustomers: setting("CALENDAR_INVITE_CUSTOMERS", env) === "true",
    onlineMeetings: setting("CALENDAR_ONLINE_MEETINGS", env) !== "false",
  };
}

/** Personal data lifecycle (shared/privacy; docs/personal-data.md). */
export interface PrivacySettings {
  /** HMAC key of the subject index (PRIVACY_INDEX_KEY); absent: an unkeyed hash (no plain values, but guessable). */
  indexKey?: string;
  retentionDays: number;
  retentionDaysCancelled: number;
  exportRetentionHours: number;
  /** PRIVACY_JOB_LEASE_SECONDS, in ms. */
  jobLeaseMs: number;
  /** PRIVACY_JOB_MAX_ATTEMPTS. */
  jobMaxAttempts: number;
  /** The privacy notice the booking page links and asks to accept (PRIVACY_NOTICE_URL); absent: the page does not ask. */
  noticeUrl?: string;
  /** Its version, recorded with each acceptance (PRIVACY_NOTICE_VERSION). */
  noticeVersion: string;
}

export function loadPrivacySettings(env: Environment = process.env): PrivacySettings {
  return {
    indexKey: setting("PRIVACY_INDEX_KEY", env),
    retentionDays: positiveSetting("RETENTION_DAYS", 730, env),
    retentionDaysCancelled: positiveSetting("RETENTION_DAYS_CANCELLED", 90, env),
    exportRetentionHours: positiveSetting("EXPORT_RETENTION_HOURS", 72, env),
    jobLeaseMs: positiveSetting("PRIVACY_JOB_LEASE_SECONDS", 60, env) * 1000,
    jobMaxAttempts: Math.floor(positiveSetting("PRIVACY_JOB_MAX_ATTEMPTS", 5, env)),
    noticeUrl: setting("PRIVACY_NOTICE_URL", env),
    noticeVersion: setting("PRIVACY_NOTICE_VERSION", env) ?? "1",
  };
}

/** Every setting, parsed once at start-up by the composition root and handed down (never read per request). */
export interface Settings {
  app: AppConfig;
  events: EventsConfig;
  calendar: CalendarConfig;
  personalData: PersonalDataConfig;
  queryLimits: ReturnType<typeof loadQueryLimits>;
  privacy: PrivacySettings;
  /** AzureWebJobsStorage: the host's storage (timer leases), probed by health; absent with identity-based storage. */
  hostStorage?: string;
  /** Customer e-mail and SMS (absent or not enabled: none sent). */
  messages?: MessagesConfig;
  /** How long availability listings reuse a calendar document per process (0 or absent: off; shared/booking/queries/listing-calendars.ts). */
  availabilityCalendarCacheMs?: number;
}

export function loadSettings(env: Environment = process.env): Settings {
  return {
    app: loadConfig(env),
    events: loadEventsConfig(env),
    calendar: loadCalendarConfig(env),
    personalData: loadPersonalDataConfig(env),
    queryLimits: loadQueryLimits(env),
    privacy: loadPrivacySettings(env),
    hostStorage: setting("AzureWebJobsStorage", env),
    messages: loadMessagesConfig(env),
    availabilityCalendarCacheMs: nonNegativeSetting("AVAILABILITY_CALENDAR_CACHE_SECONDS", 0, env) * 1000,
  };
}

function nonNegativeSetting(name: SettingName, fallback: number, env: Environment): number {
  const text = setting(name, env);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`setting ${name} must be a number of 0 or more`);
  return value;
}

/** The back-office console's back end (functions/console, shared/api/console; docs/console.md). */
export interface ConsoleConfig {
  authority?: string;
  /** The Employee-channel client (advisors, branch managers) and the Backoffice-channel client. */
  clients: { staff?: { id: string; secret: string }; backoffice?: { id: string; secret: string } };
  /** base64url of 32 bytes: the session cookie's key. */
  sessionKey?: string;
  apiBaseUrl?: string;
  apiSubscriptionKey?: string;
  publicUrl?: string;
  /** The API's audience, whose delegated scopes the console asks for. */
  apiAudience?: string;
  /** The API's token issuer: msal-node accepts an OpenID metadata issuer on this host too. */
  apiIssuer?: string;
}

export function loadConsoleConfig(): ConsoleConfig {
  const client = (id: SettingName, secret: SettingName) => {
    const clientId = setting(id);
    const clientSecret = setting(secret);
    return clientId && clientSecret ? { id: clientId, secret: clientSecret } : undefined;
  };
  return {
    authority: setting("CONSOLE_AUTHORITY"),
    clients: {
      staff: client("CONSOLE_CLIENT_ID", "CONSOLE_CLIENT_SECRET"),
      backoffice: client("CONSOLE_BACKOFFICE_CLIENT_ID", "CONSOLE_BACKOFFICE_CLIENT_SECRET"),
    },
    sessionKey: setting("CONSOLE_SESSION_KEY"),
    apiBaseUrl: setting("CONSOLE_API_BASE_URL"),
    apiSubscriptionKey: setting("CONSOLE_API_SUBSCRIPTION_KEY"),
    publicUrl: setting("CONSOLE_PUBLIC_URL"),
    apiAudience: setting("AUTH_AUDIENCE"),
    apiIssuer: setting("AUTH_ISSUER"),
  };
}

export interface MessagesConfig {
  /** False when neither a connection string nor an endpoint is set: no customer messages. */
  enabled: boolean;
  /** Local: the dev ACS's `endpoint=...;accesskey=...`; in Azure empty (the managed identity signs). */
  connectionString?: string;
  /** The Communication Services endpoint for the managed identity, https://<resource>.communication.azure.com */
  endpoint?: string;
  managedIdentityClientId?: string;
  emailSender: string;
  smsSender: string;
  /** Reminder offsets before the start, ISO 8601 durations ("P1D,PT2H"). */
  reminderOffsets: string;
  /** Double opt-in links: BookMe's public base URL and the key that signs them (no link unless both). */
  linkBaseUrl?: string;
  linkKey?: string;
}

export function loadMessagesConfig(env: Environment = process.env): MessagesConfig {
  const connectionString = setting("ACS_CONNECTION_STRING", env);
  const endpoint = setting("ACS_ENDPOINT", env);
  return {
    enabled: !!(connectionString || endpoint),
    connectionString,
    endpoint,
    managedIdentityClientId: setting("AZURE_CLIENT_ID", env),
    emailSender: setting("ACS_EMAIL_SENDER", env) ?? "DoNotReply@bookme.local",
    smsSender: setting("ACS_SMS_SENDER", env) ?? "BookMe",
    reminderOffsets: setting("REMINDER_OFFSETS", env) ?? "P1D,PT2H",
    linkBaseUrl: setting("MESSAGES_LINK_BASE_URL", env),
    linkKey: setting("MESSAGES_LINK_KEY", env),
  };
}
