// The back-office console in API Management: one API at path console -> the Function App's
// /api/console (functions/console/: the page, its sign-in back end /console/auth/* and its API
// proxy /console/api/*), in a product without subscription requirement. The gateway does no
// authentication here: the console's back end does its own (Entra ID authorization code with PKCE,
// a sealed HttpOnly session cookie on path /console) and calls the BookMe API through this same
// gateway with the signed-in person's token and its own subscription key (CONSOLE_API_*). The
// page, its back end and the cookie therefore share the gateway's origin: no CORS. Any
// Authorization header a caller sends is dropped (the session is the cookie, never a bearer).

@description('API Management instance name.')
param apimName string

@description('Function App host name (without https://).')
param functionAppHostName string

@description('Calls allowed per client IP address in each window.')
param callsPerIp int = 300

@description('Length of the window in seconds.')
@minValue(1)
@maxValue(300)
param periodSeconds int = 60

@description('rate-limit-by-key needs a tier other than Consumption. false (Consumption): no gateway limit on the console.')
param perIpRateLimit bool = true

resource apim 'Microsoft.ApiManagement/service@2024-05-01' existing = {
  name: apimName
}

resource product 'Microsoft.ApiManagement/service/products@2024-05-01' = {
  parent: apim
  name: 'bookme-console'
  properties: {
    displayName: 'BookMe console'
    description: 'The back-office console and its backend-for-frontend: anonymous at the gateway, signed in by its own back end.'
    subscriptionRequired: false
    state: 'published'
  }
}

resource api 'Microsoft.ApiManagement/service/apis@2024-05-01' = {
  parent: apim
  name: 'bookme-console'
  properties: {
    displayName: 'BookMe console'
    path: 'console'
    protocols: [
      'https'
    ]
    apiType: 'http'
    serviceUrl: 'https://${functionAppHostName}/api/console'
    subscriptionRequired: false
  }
}

// One catch-all operation per method the console's functions take: they route and validate
// (problem+json) themselves.
var methods = [
  'GET'
  'POST'
  'PUT'
  'PATCH'
  'DELETE'
]

resource operations 'Microsoft.ApiManagement/service/apis/operations@2024-05-01' = [
  for method in methods: {
    parent: api
    name: '${toLower(method)}-any'
    properties: {
      displayName: '${method} any'
      method: method
      urlTemplate: '/*'
      templateParameters: []
      responses: []
    }
  }
]

var perIpXml = '<rate-limit-by-key calls="${callsPerIp}" renewal-period="${periodSeconds}" counter-key="@(context.Request.IpAddress)" remaining-calls-header-name="RateLimit-Remaining" total-calls-header-name="RateLimit-Limit" />'
var policyXml = '<policies><inbound><base />${perIpRateLimit ? perIpXml : ''}<set-header name="Authorization" exists-action="delete" /></inbound><backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>'

resource policy 'Microsoft.ApiManagement/service/apis/policies@2024-05-01' = {
  parent: api
  name: 'policy'
  properties: {
    format: 'rawxml'
    value: policyXml
  }
  dependsOn: [
    operations
  ]
}

resource productApi 'Microsoft.ApiManagement/service/products/apis@2024-05-01' = {
  parent: product
  name: api.name
}

@description('The console in the browser; also CONSOLE_PUBLIC_URL (its redirect URI is {it}/auth/callback).')
output consoleUrl string = '${apim.properties.gatewayUrl}/console'
