// BookMe on Azure: Function App (Flex Consumption, Node 22) behind API Management, on Cosmos DB for NoSQL.
// Deployed by the Azure Developer CLI (`azd up`); docs/deploy.md walks through it.
//
// Single sources of truth, read here rather than copied:
//   config/cosmos-containers.json  database and containers (loadJsonContent below)
//   config/app-settings.json       every setting the app reads (loaded by modules/function-app.bicep)
//   openapi/openapi.json           the API contract, generated from the zod schemas (loadTextContent below)
//   openapi/openapi-v1.json        the V1 contract, from the V1 schemas (imported into the V1 API)
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment (AZURE_ENV_NAME); names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Region for every resource; it must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the user or service principal running azd (AZURE_PRINCIPAL_ID). It gets Cosmos DB data access for scripts and debugging; leave empty to skip.')
param principalId string = ''

@description('Microsoft Entra tenant that issues the tokens BookMe accepts.')
param authTenantId string = subscription().tenantId

@description('Client id of the admin tool that registers the other client applications (BOOTSTRAP_CLIENT_ID; docs/security.md).')
param bootstrapClientId string = ''

@description('Application ID URI of the BookMe API app registration (docs/deploy.md creates it).')
param apiAppIdUri string = 'api://bookme'

@description('Application (client) ID of the BookMe API app registration. With v2 access tokens (api.requestedAccessTokenVersion = 2) the aud claim is this GUID, so the app checks it when set; empty means the app checks apiAppIdUri (v1 tokens).')
param apiClientId string = ''

@description('Comma-separated client application ids allowed to call the API (azp/appid claim). Empty: any client of the tenant with a valid token for this API.')
param clientApplicationIds string = ''

@description('Comma-separated browser origins allowed by CORS, e.g. "https://bookme.example.com,https://portal.example.com". Empty: no CORS policy.')
param corsAllowedOrigins string = ''

@description('API Management tier. Consumption is billed per call; Developer (no SLA) and BasicV2 are billed per hour.')
@allowed([
  'Consumption'
  'Developer'
  'BasicV2'
])
param apimSku string = 'Consumption'

@description('Publisher e-mail of the API Management instance (receives system notifications).')
param apimPublisherEmail string

@description('Publisher name shown in the developer portal.')
param apimPublisherName string = 'BookMe'

@description('When false (default), health, openapi.json and docs answer without a subscription key, as the local host does; every other operation requires one (enforced by infra/policies/api-policy.xml). When true, APIM rejects keyless calls to every operation.')
param requireSubscriptionKeyForPublicOperations bool = false

@description('Calls allowed per subscription key in each rate-limit window; more get 429 with Retry-After.')
param rateLimitCalls int = 600

@description('Length of the rate-limit window in seconds (APIM allows at most 300).')
@minValue(1)
@maxValue(300)
param rateLimitPeriodSeconds int = 60

@description('Booking page channel: calls allowed per client IP address per minute (needs an APIM tier other than Consumption; on Consumption the channel has no gateway limit).')
param publicBookingCallsPerIp int = 120

@description('Cosmos DB capacity mode: serverless (pay per request, default) or autoscale (provisioned, shared by the database). Chosen when the account is created.')
@allowed([
  'serverless'
  'autoscale'
])
param cosmosThroughputMode string = 'serverless'

@description('Comma-separated IPv4 addresses or CIDR ranges (e.g. an operator\'s office) allowed to reach Cosmos DB besides Azure datacenters; empty: none. docs/deploy.md says what the tiers allow.')
param cosmosAllowedIpRanges string = ''

@description('Autoscale maximum RU/s shared by all containers (cosmosThroughputMode = autoscale only).')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('How long a reservation holds a slot (RESERVATION_TTL_SECONDS).')
@minValue(30)
param reservationTtlSeconds int = 300

@description('Cost cap (QUERY_MAX_RESOURCE_DAYS): resources (employees and rooms) x days one availability, grid or room-vacancy query may cover; more is 400 query_too_large.')
@minValue(1)
param queryMaxResourceDays int = 1500

@description('Cost cap (QUERY_MAX_SLOTS): slots one availability or grid query may produce (estimated before any calendar read).')
@minValue(1)
param queryMaxSlots int = 40000

@description('Outlook calendars: Microsoft 365 tenant of the calendar app registration (docs/deploy.md, "Outlook calendars"). Empty: calendar sync off.')
param graphTenantId string = ''

@description('Outlook calendars: client id of the app registration holding Calendars.ReadWrite (application), scoped by Exchange RBAC for Applications.')
param graphClientId string = ''

@secure()
@description('Outlook calendars: client secret of that app registration; leave empty to use a federated credential from the managed identity (graphFederatedManagedIdentity).')
param graphClientSecret string = ''

@description('Outlook calendars: authenticate with a federated identity credential issued to the Function App\'s managed identity (no secret).')
param graphFederatedManagedIdentity bool = true

@description('The back-office console (docs/console.md): client id of the staff app registration (advisors, branch managers; Employee channel). Empty: the console cannot sign in.')
param consoleClientId string = ''

@secure()
@description('The console: client secret of the staff app registration, best a Key Vault reference (@Microsoft.KeyVault(SecretUri=...)).')
param consoleClientSecret string = ''

@description('The console: client id of the back-office app registration (Backoffice channel, assignment required).')
param consoleBackofficeClientId string = ''

@secure()
@description('The console: client secret of the back-office app registration, best a Key Vault reference.')
param consoleBackofficeClientSecret string = ''

@secure()
@description('The console: 32 random bytes, base64url, encrypting its session cookies (every instance shares it), best a Key Vault reference.')
param consoleSessionKey string = ''

@secure()
@description('The console: the API Management subscription key its back end calls the API with (a subscription to the BookMe product), best a Key Vault reference.')
param consoleApiSubscriptionKey string = ''

@description('Outlook calendars: closed = a resource whose busy times are stale offers no slots; open = its last known busy times are used.')
@allowed([
  'closed'
  'open'
])
param calendarStalePolicy string = 'closed'

@description('Outlook calendars: whether tentative events block slots.')
param calendarTentativeBlocks bool = true

@description('Outlook calendars: seconds between timer refreshes of each synced resource.')
param calendarSyncIntervalSeconds int = 300

@description('Outlook calendars: seconds after which busy times count as stale.')
param calendarStaleAfterSeconds int = 900

@description('Outlook calendars: whether a booked meeting\'s Outlook event invites the customer (its external attendees).')
param calendarInviteCustomers bool = false

@description('Outlook calendars: whether an Online meeting\'s Outlook event is a Teams meeting (off where the tenant does not allow it).')
param calendarOnlineMeetings bool = true

@description('Most Flex Consumption instances the app may scale out to.')
@minValue(40)
@maxValue(1000)
param functionMaximumInstanceCount int = 100

@description('Send the Function App host key from API Management (named value read with listKeys). Set false when the functions use authLevel anonymous behind another guard (see docs/deploy.md, "Managed identity instead of a function key").')
param useFunctionKey bool = true

@description('Customer e-mail and SMS (docs/messages.md): the bank\'s sending domain (empty: an Azure-managed domain), the SMS sender id, and the reminder offsets before a meeting (ISO 8601 durations).')
param emailDomain string = ''
param smsSender string = 'BookMe'
param reminderOffsets string = 'P1D,PT2H'

// ---------------------------------------------------------------------------------------------
// Sources of truth
// ---------------------------------------------------------------------------------------------

var cosmosConfig = loadJsonContent('../config/cosmos-containers.json')
// The import form (openapi/apim/): the documents without their prose, under loadTextContent's 131,072 characters.
var openApiDocument = loadTextContent('../openapi/apim/openapi.json')
var openApiV1Document = loadTextContent('../openapi/apim/openapi-v1.json')

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-bookme-${resourceToken}'
var deploymentContainerName = 'app-package-${resourceToken}'
var apiV2Path = 'api/v2/bookme'
var apiV1Path = 'api/v1/bookme'

var audiences = filter([apiAppIdUri, apiClientId], a => !empty(a))
var clientApplicationIdList = filter(map(split(clientApplicationIds, ','), id => trim(id)), id => !empty(id))
var corsOriginList = filter(map(split(corsAllowedOrigins, ','), o => trim(o)), o => !empty(o))

resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

// ---------------------------------------------------------------------------------------------
// Identity, monitoring, storage
// ---------------------------------------------------------------------------------------------

module appIdentity './modules/managed-identity.bicep' = {
  name: 'managed-identity'
  scope: rg
  params: {
    name: 'id-bookme-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring './modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    metricsPublisherPrincipalId: appIdentity.outputs.principalId
  }
}

module storage './modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    dataPrincipalId: appIdentity.outputs.principalId
  }
}

// ---------------------------------------------------------------------------------------------
// Cosmos DB
// ---------------------------------------------------------------------------------------------

module cosmos './modules/cosmos-db.bicep' = {
  name: 'cosmos-db'
  scope: rg
  params: {
    name: 'cosmos-${resourceToken}'
    location: location
    tags: tags
    databaseName: cosmosConfig.database
    containers: cosmosConfig.containers
    throughputMode: cosmosThroughputMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    allowedIpRanges: filter(map(split(cosmosAllowedIpRanges, ','), r => trim(r)), r => !empty(r))
  }
}

module cosmosAccess './modules/cosmos-data-access.bicep' = {
  name: 'cosmos-data-access'
  scope: rg
  params: {
    accountName: cosmos.outputs.name
    identityPrincipalId: appIdentity.outputs.principalId
    principalId: principalId
  }
}

// ---------------------------------------------------------------------------------------------
// Key Vault (the key-encryption key of personal data at rest)
// ---------------------------------------------------------------------------------------------

module keyVault './modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: 'kv-${take(resourceToken, 21)}'
    location: location
    tags: tags
    identityPrincipalId: appIdentity.outputs.principalId
  }
}

// Customer e-mail and SMS through Azure Communication Services (the app's identity sends; no keys).
module communication './modules/communication.bicep' = {
  name: 'communication'
  scope: rg
  params: {
    name: 'acs-${resourceToken}'
    tags: tags
    customDomain: emailDomain
    identityPrincipalId: appIdentity.outputs.principalId
  }
}

// ---------------------------------------------------------------------------------------------
// Function App
// ---------------------------------------------------------------------------------------------

module functionApp './modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: appIdentity.outputs.id
    identityClientId: appIdentity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    queueEndpoint: storage.outputs.queueEndpoint
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    authTenantId: authTenantId
    authAudience: empty(apiClientId) ? apiAppIdUri : apiClientId
    bootstrapClientId: bootstrapClientId
    reservationTtlSeconds: reservationTtlSeconds
    queryMaxResourceDays: queryMaxResourceDays
    queryMaxSlots: queryMaxSlots
    graphTenantId: graphTenantId
    graphClientId: graphClientId
    graphClientSecret: graphClientSecret
    graphFederatedManagedIdentity: graphFederatedManagedIdentity
    calendarStalePolicy: calendarStalePolicy
    calendarTentativeBlocks: calendarTentativeBlocks
    calendarSyncIntervalSeconds: calendarSyncIntervalSeconds
    calendarStaleAfterSeconds: calendarStaleAfterSeconds
    calendarInviteCustomers: calendarInviteCustomers
    calendarOnlineMeetings: calendarOnlineMeetings
    personalDataKeyId: keyVault.outputs.keyUri
    // Graph reaches the notifications function through the gateway too (apiCalendar below).
    calendarNotificationUrl: '${apim.outputs.gatewayUrl}/calendar/notifications'
    apimOutboundIps: apim.outputs.publicIPAddresses
    maximumInstanceCount: functionMaximumInstanceCount
    acsEndpoint: communication.outputs.endpoint
    acsEmailSender: communication.outputs.emailSender
    acsSmsSender: smsSender
    reminderOffsets: reminderOffsets
    // The confirm and unsubscribe links point at the gateway (messagePages below).
    messagesLinkBaseUrl: apim.outputs.gatewayUrl
    // The console's back end (docs/console.md) calls the API through the gateway; its redirect URI is {consolePublicUrl}/auth/callback.
    consoleClientId: consoleClientId
    consoleClientSecret: consoleClientSecret
    consoleBackofficeClientId: consoleBackofficeClientId
    consoleBackofficeClientSecret: consoleBackofficeClientSecret
    consoleSessionKey: consoleSessionKey
    consoleApiBaseUrl: '${apim.outputs.gatewayUrl}/${apiV2Path}'
    consoleApiSubscriptionKey: consoleApiSubscriptionKey
    consolePublicUrl: '${apim.outputs.gatewayUrl}/console'
  }
}

// ---------------------------------------------------------------------------------------------
// API Management
// ---------------------------------------------------------------------------------------------

module apim './modules/api-management.bicep' = {
  name: 'api-management'
  scope: rg
  params: {
    name: 'apim-${resourceToken}'
    location: location
    tags: tags
    sku: apimSku
    publisherEmail: apimPublisherEmail
    publisherName: apimPublisherName
  }
}

module functionKey './modules/apim-function-key.bicep' = if (useFunctionKey) {
  name: 'apim-function-key'
  scope: rg
  params: {
    apimName: apim.outputs.name
    functionAppName: functionApp.outputs.name
  }
  // The host keeps its keys in AzureWebJobsStorage: the identity's storage roles come first.
  dependsOn: [
    storage
  ]
}

var functionKeyNamedValue = useFunctionKey ? functionKey.outputs.namedValueName : ''

var apiPolicySettings = {
  tenantId: authTenantId
  audiences: audiences
  clientApplicationIds: clientApplicationIdList
  corsAllowedOrigins: corsOriginList
  rateLimitCalls: rateLimitCalls
  rateLimitPeriodSeconds: rateLimitPeriodSeconds
  perKeyRateLimit: apimSku != 'Consumption'
}

module apiV2 './modules/apim-api.bicep' = {
  name: 'apim-api-v2'
  scope: rg
  params: {
    apimName: apim.outputs.name
    apiName: 'bookme-v2'
    displayName: 'BookMe API v2'
    apiDescription: 'Meeting booking API, version 2 (current).'
    path: apiV2Path
    openApiDocument: openApiDocument
    backendUrl: 'https://${functionApp.outputs.defaultHostName}/${apiV2Path}'
    functionAppResourceId: functionApp.outputs.id
    functionKeyNamedValue: functionKeyNamedValue
    productName: apim.outputs.productName
    subscriptionRequired: requireSubscriptionKeyForPublicOperations
    policy: apiPolicySettings
  }
}

module apiV1 './modules/apim-api.bicep' = {
  name: 'apim-api-v1'
  scope: rg
  params: {
    apimName: apim.outputs.name
    apiName: 'bookme-v1'
    displayName: 'BookMe API v1'
    apiDescription: 'Meeting booking API, version 1 (active, superseded by v2).'
    path: apiV1Path
    openApiDocument: openApiV1Document
    backendUrl: 'https://${functionApp.outputs.defaultHostName}/${apiV1Path}'
    functionAppResourceId: functionApp.outputs.id
    functionKeyNamedValue: functionKeyNamedValue
    productName: apim.outputs.productName
    subscriptionRequired: requireSubscriptionKeyForPublicOperations
    policy: apiPolicySettings
  }
}

// The seed-compatible facades: meetergo's paths below /meetergo (its clients' base URL), the
// Bookings API for bots' /api/v1/... below /bots; no subscription key (API keys, checked by the app).
module apiMeetergo './modules/apim-facade-api.bicep' = {
  name: 'apim-api-meetergo'
  scope: rg
  params: {
    apimName: apim.outputs.name
    apiName: 'bookme-meetergo'
    displayName: 'BookMe meetergo-compatible booking API'
    apiDescription: 'meetergo booking API (booking-availability, v4/booking, meeting-type) on BookMe; API keys.'
    path: 'meetergo'
    backendUrl: 'https://${functionApp.outputs.defaultHostName}/api'
    functionAppResourceId: functionApp.outputs.id
    productName: apim.outputs.productName
    rateLimitCalls: rateLimitCalls
    rateLimitPeriodSeconds: rateLimitPeriodSeconds
    perKeyRateLimit: apimSku != 'Consumption'
    functionKeyNamedValue: functionKeyNamedValue
  }
}

module apiBots './modules/apim-facade-api.bicep' = {
  name: 'apim-api-bots'
  scope: rg
  params: {
    apimName: apim.outputs.name
    apiName: 'bookme-bots'
    displayName: 'BookMe Bookings API for bots'
    apiDescription: 'Bookings API for bots (/api/v1/availability, /api/v1/bookings) on BookMe; API keys.'
    path: 'bots'
    backendUrl: 'https://${functionApp.outputs.defaultHostName}'
    functionAppResourceId: functionApp.outputs.id
    productName: apim.outputs.productName
    rateLimitCalls: rateLimitCalls
    rateLimitPeriodSeconds: rateLimitPeriodSeconds
    perKeyRateLimit: apimSku != 'Consumption'
    functionKeyNamedValue: functionKeyNamedValue
  }
}

// Microsoft Graph's calendar change notifications: the Function App takes no direct traffic, so
// CALENDAR_NOTIFICATION_URL points here (the function checks each notification's clientState).
module apiCalendar './modules/apim-facade-api.bicep' = {
  name: 'apim-api-calendar'
  scope: rg
  params: {
    apimName: apim.outputs.name
    apiName: 'bookme-calendar-notifications'
    displayName: 'BookMe calendar notifications'
    apiDescription: 'Microsoft Graph change notifications for synced Outlook calendars (validated by clientState in the app).'
    path: 'calendar'
    backendUrl: 'https://${functionApp.outputs.defaultHostName}/api/calendar'
    functionAppResourceId: functionApp.outputs.id
    productName: apim.outputs.productName
    rateLimitCalls: rateLimitCalls
    rateLimitPeriodSeconds: rateLimitPeriodSeconds
    perKeyRateLimit: apimSku != 'Consumption'
    functionKeyNamedValue: functionKeyNamedValue
  }
}

// The customer booking page and its backend-for-frontend: anonymous, limited per client IP.
module publicBooking './modules/apim-public-booking.bicep' = {
  name: 'apim-public-booking'
  scope: rg
  params: {
    apimName: apim.outputs.name
    functionAppHostName: functionApp.outputs.defaultHostName
    callsPerIp: publicBookingCallsPerIp
    periodSeconds: 60
    perIpRateLimit: apimSku != 'Consumption'
  }
}

// The back-office console (page, sign-in back end, API proxy): anonymous at the gateway; its back
// end signs people in itself (session cookie) and calls the API with their token (docs/console.md).
module consoleApp './modules/apim-console.bicep' = {
  name: 'apim-console'
  scope: rg
  params: {
    apimName: apim.outputs.name
    functionAppHostName: functionApp.outputs.defaultHostName
    perIpRateLimit: apimSku != 'Consumption'
  }
}

// The pages behind the links in customer e-mails and SMS (double opt-in confirm, unsubscribe):
// anonymous at the gateway, each checks its signed link (docs/messages.md).
module messagePages './modules/apim-messages.bicep' = {
  name: 'apim-messages'
  scope: rg
  params: {
    apimName: apim.outputs.name
    functionAppHostName: functionApp.outputs.defaultHostName
    perIpRateLimit: apimSku != 'Consumption'
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs (azd writes them to .azure/<env>/.env; `azd env get-value NAME` reads one)
// ---------------------------------------------------------------------------------------------

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output BOOKING_PAGE_URL string = publicBooking.outputs.pageUrl
output CONSOLE_URL string = consoleApp.outputs.consoleUrl
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = appIdentity.outputs.clientId
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_COMMUNICATION_ENDPOINT string = communication.outputs.endpoint
output AZURE_COSMOS_ACCOUNT_NAME string = cosmos.outputs.name
output AZURE_COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output AZURE_COSMOS_DATABASE string = cosmos.outputs.databaseName
output AZURE_APIM_NAME string = apim.outputs.name
output API_BASE_URL string = '${apim.outputs.gatewayUrl}/${apiV2Path}'
output API_V1_BASE_URL string = '${apim.outputs.gatewayUrl}/${apiV1Path}'
output MEETERGO_API_BASE_URL string = '${apim.outputs.gatewayUrl}/meetergo'
output BOTS_API_BASE_URL string = '${apim.outputs.gatewayUrl}/bots'
output AUTH_AUDIENCE string = empty(apiClientId) ? apiAppIdUri : apiClientId
output APIM_SUBSCRIPTION_NAME string = apim.outputs.subscriptionName
@description('POST here (az rest --method post --url ...) to read the subscription keys; see docs/deploy.md.')
output APIM_SUBSCRIPTION_KEYS_URL string = '${environment().resourceManager}${substring(apim.outputs.subscriptionResourceId, 1)}/listSecrets?api-version=2024-05-01'
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
