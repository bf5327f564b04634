// The BookMe Function App on the Flex Consumption plan (FC1), Linux, Node.js 22.
//
// Node 22: Node 20 left Azure Functions support in April 2026, so the runtime is 22 (LTS),
// the version the app is built and tested with (package.json pulls node@22 for npm scripts).
//
// Identity: one user-assigned managed identity for everything -- AzureWebJobsStorage
// (identity-based: __accountName/__credential/__clientId, no connection string), the deployment
// package container, Cosmos DB (DefaultAzureCredential with AZURE_CLIENT_ID) and Application
// Insights (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
//
// Settings: config/app-settings.json lists every setting the app reads. Each `scope: app` entry
// takes its Azure value from `appScopedSettings` below, by name; a name listed there but missing
// here makes the deployment fail (and test/unit/infra fails first). Host settings for Flex
// Consumption: FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION must NOT be set (Flex
// rejects them; the runtime comes from functionAppConfig.runtime), and AzureWebJobsStorage is the
// identity-based trio below instead of a connection string.

@description('Function App name; also its default host name prefix.')
param name string

@description('Flex Consumption plan name.')
param planName string

param location string
param tags object = {}

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Storage account for AzureWebJobsStorage and the deployment package.')
param storageAccountName string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Queue service endpoint of the storage account (webhook deliveries), https://<account>.queue.core.windows.net/')
param queueEndpoint string

@description('Application Insights connection string (ingestion uses Entra ID, not the key).')
param applicationInsightsConnectionString string

@description('Cosmos DB account endpoint, https://<account>.documents.azure.com:443/')
param cosmosEndpoint string

@description('Cosmos DB database name (config/cosmos-containers.json "database").')
param cosmosDatabaseName string

@description('Entra tenant that issues the access tokens.')
param authTenantId string

@description('Expected aud claim: the API app registration client id (v2 tokens) or its application ID URI (v1 tokens).')
param authAudience string

@description('Client id of the admin tool that may register the other clients before any registration exists (empty: none).')
param bootstrapClientId string = ''

@description('Token claim with the signed-in customer id (Customer channel).')
param customerIdClaim string = 'customer_id'

@description('Seconds a reservation holds a slot.')
param reservationTtlSeconds int

@description('Cost caps of availability and grid queries (see main.bicep).')
param queryMaxResourceDays int = 1500
param queryMaxSlots int = 40000

@description('Outlook calendars (see main.bicep).')
param graphTenantId string
param graphClientId string
@secure()
param graphClientSecret string
param graphFederatedManagedIdentity bool
param calendarStalePolicy string
param calendarTentativeBlocks bool
param calendarSyncIntervalSeconds int
param calendarStaleAfterSeconds int
param calendarInviteCustomers bool
param calendarOnlineMeetings bool

@description('Key Vault key id without a version: the key-encryption key of personal data (modules/key-vault.bicep).')
param personalDataKeyId string

@secure()
@description('HMAC key of the personal-data subject index (PRIVACY_INDEX_KEY); set it (a Key Vault reference) before the first booking: changing it orphans the index.')
param privacyIndexKey string = ''

@description('The bank\'s privacy notice (https URL): the booking page links it and records its acceptance; empty: the page does not ask')
param privacyNoticeUrl string = ''
@description('The privacy notice\'s version, recorded with each acceptance')
param privacyNoticeVersion string = '1'

@description('Public URL Graph posts calendar change notifications to: the API Management gateway (the Function App takes no direct traffic).')
param calendarNotificationUrl string

@description('API Management\'s static outbound IPs (Developer tier). Empty (Consumption, v2 tiers): only the region\'s Azure datacenters may connect, and the function key is the lock.')
param apimOutboundIps array = []

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('The back-office console (docs/console.md): its two app registrations, their secrets and the session key as Key Vault references, the gateway it calls the API through.')
param consoleClientId string = ''
@secure()
param consoleClientSecret string = ''
param consoleBackofficeClientId string = ''
@secure()
param consoleBackofficeClientSecret string = ''
@secure()
param consoleSessionKey string = ''
param consoleApiBaseUrl string = ''
@secure()
param consoleApiSubscriptionKey string = ''
param consolePublicUrl string = ''

@description('Customer messages (docs/messages.md): the Communication Services endpoint (managed identity), the senders, reminder offsets, and the double opt-in links.')
param acsEndpoint string = ''
param acsEmailSender string = ''
param acsSmsSender string = 'BookMe'
param reminderOffsets string = 'P1D,PT2H'
param messagesLinkBaseUrl string = ''
@secure()
param messagesLinkKey string = ''

var loginEndpoint = environment().authentication.loginEndpoint // https://login.microsoftonline.com/ in the public cloud

// Azure values of the `scope: app` settings in config/app-settings.json, one per name.
var appScopedSettings = {
  COSMOS_ENDPOINT: cosmosEndpoint
  COSMOS_KEY: '' // empty: no key in Azure; the managed identity signs Cosmos DB requests
  COSMOS_DATABASE: cosmosDatabaseName
  AZURE_CLIENT_ID: identityClientId // DefaultAzureCredential picks the user-assigned identity
  AUTH_ISSUER: '${loginEndpoint}${authTenantId}/v2.0' // https://login.microsoftonline.com/{tenant}/v2.0
  AUTH_AUDIENCE: authAudience
  AUTH_JWKS_URI: '${loginEndpoint}${authTenantId}/discovery/v2.0/keys' // https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys
  BOOTSTRAP_CLIENT_ID: bootstrapClientId
  CUSTOMER_ID_CLAIM: customerIdClaim
  MAX_LIVE_RESERVATIONS_PER_CALLER: '10'
  RESERVATION_TTL_SECONDS: string(reservationTtlSeconds)
  QUERY_MAX_RESOURCE_DAYS: string(queryMaxResourceDays)
  QUERY_MAX_SLOTS: string(queryMaxSlots)
  GRAPH_TENANT_ID: graphTenantId
  GRAPH_CLIENT_ID: graphClientId
  GRAPH_CLIENT_SECRET: graphClientSecret
  GRAPH_CERTIFICATE_PATH: '' // a secret or the federated managed identity in Azure; certificates are for other hosts
  GRAPH_FEDERATED_MANAGED_IDENTITY: string(graphFederatedManagedIdentity && empty(graphClientSecret))
  GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0' // national clouds have their own Graph host
  GRAPH_AUTHORITY_HOST: substring(loginEndpoint, 0, length(loginEndpoint) - 1) // no trailing slash
  CALENDAR_SYNC_INTERVAL_SECONDS: string(calendarSyncIntervalSeconds)
  CALENDAR_STALE_AFTER_SECONDS: string(calendarStaleAfterSeconds)
  CALENDAR_LISTING_CACHE_SECONDS: '5'
  AVAILABILITY_CALENDAR_CACHE_SECONDS: '5' // listings may be 5 s behind another instance's booking; the booking check reads

  CALENDAR_STALE_POLICY: calendarStalePolicy
  CALENDAR_TENTATIVE_BLOCKS: string(calendarTentativeBlocks)
  CALENDAR_NOTIFICATION_URL: calendarNotificationUrl
  CALENDAR_INVITE_CUSTOMERS: string(calendarInviteCustomers)
  CALENDAR_ONLINE_MEETINGS: string(calendarOnlineMeetings)
  EVENTS_QUEUE_SERVICE_URI: queueEndpoint // the app enqueues webhook deliveries with the managed identity
  WEBHOOK_TIMEOUT_SECONDS: '10'
  WEBHOOK_SECRET_GRACE_SECONDS: '86400'
  PERSONAL_DATA_KEY_ID: personalDataKeyId // CPR data keys are wrapped by this Key Vault key (current version)
  PRIVACY_INDEX_KEY: privacyIndexKey
  RETENTION_DAYS: '730' // personal data of meetings 2 years after they ended (docs/personal-data.md)
  RETENTION_DAYS_CANCELLED: '90'
  EXPORT_RETENTION_HOURS: '72'
  PRIVACY_JOB_LEASE_SECONDS: '60'
  PRIVACY_JOB_MAX_ATTEMPTS: '5'
  PRIVACY_NOTICE_URL: privacyNoticeUrl // the bank's privacy notice, linked and accepted on the booking page
  PRIVACY_NOTICE_VERSION: privacyNoticeVersion
  ACS_CONNECTION_STRING: '' // no access key in Azure: the managed identity (Communication and Email Service Owner) signs
  ACS_ENDPOINT: acsEndpoint // https://<resource>.communication.azure.com
  ACS_EMAIL_SENDER: acsEmailSender // DoNotReply@<verified domain>
  ACS_SMS_SENDER: acsSmsSender
  REMINDER_OFFSETS: reminderOffsets
  MESSAGES_LINK_BASE_URL: messagesLinkBaseUrl
  MESSAGES_LINK_KEY: messagesLinkKey
  CONSOLE_AUTHORITY: '${loginEndpoint}${authTenantId}/v2.0'
  CONSOLE_CLIENT_ID: consoleClientId
  CONSOLE_CLIENT_SECRET: consoleClientSecret
  CONSOLE_BACKOFFICE_CLIENT_ID: consoleBackofficeClientId
  CONSOLE_BACKOFFICE_CLIENT_SECRET: consoleBackofficeClientSecret
  CONSOLE_SESSION_KEY: consoleSessionKey
  CONSOLE_API_BASE_URL: consoleApiBaseUrl // https://<gateway>/api/v2/bookme
  CONSOLE_API_SUBSCRIPTION_KEY: consoleApiSubscriptionKey
  CONSOLE_PUBLIC_URL: consolePublicUrl // https://<gateway>/console
}

// Host settings (config scope "host"), in their Flex Consumption, identity-based form.
var hostSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

var settingsConfig = loadJsonContent('../../config/app-settings.json')
var appSettingsFromConfig = toObject(
  filter(settingsConfig.settings, s => s.scope == 'app'),
  s => s.name,
  s => appScopedSettings[s.name]
)

// Inbound: API Management only. With static gateway IPs (Developer) exactly those; otherwise the
// service tag of the region's Azure datacenters (shuts out the internet; the function key on every
// API operation, sent by API Management from a named value, is then the lock that matters).
// Everything else gets 403 from the App Service front end. The SCM site (azd deploy) keeps its own
// rule set: Entra ID only, basic-auth publishing off (below).
var apimIpRules = [
  for (ip, i) in apimOutboundIps: {
    name: 'api-management-${i}'
    action: 'Allow'
    priority: 100 + i
    ipAddress: '${ip}/32'
    tag: 'Default'
  }
]
var regionRule = [
  {
    name: 'azure-region'
    action: 'Allow'
    priority: 100
    ipAddress: 'AzureCloud.${location}'
    tag: 'ServiceTag'
  }
]
var inboundRules = empty(apimOutboundIps) ? regionRule : apimIpRules

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ipSecurityRestrictionsDefaultAction: 'Deny'
      ipSecurityRestrictions: inboundRules
      scmIpSecurityRestrictionsUseMain: false
      scmIpSecurityRestrictionsDefaultAction: 'Allow'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettingsFromConfig, hostSettings)
}

// Publishing uses Entra ID (azd deploy); basic-auth publishing credentials stay off.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = site.name
output id string = site.id
output defaultHostName string = site.properties.defaultHostName
