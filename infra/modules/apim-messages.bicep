// The customer's pages behind the links in BookMe's e-mails and SMS (docs/messages.md): the double
// opt-in confirm page and the unsubscribe page, one API at path api/messages -> the Function App's
// /api/messages (functions/triggers/messages-confirm.ts, messages-unsubscribe.ts), so the links
// (MESSAGES_LINK_BASE_URL = the gateway URL) keep the Function App's paths. Anonymous at the
// gateway, in a product without subscription requirement: each page checks its own signed token
// (an HMAC under MESSAGES_LINK_KEY), a GET only shows a page and changes nothing. Any Authorization
// header is dropped; a per-IP limit where the tier has rate-limit-by-key.

@description('API Management instance name.')
param apimName string

@description('Function App host name (without https://).')
param functionAppHostName string

@description('Calls allowed per client IP address in each window.')
param callsPerIp int = 60

@description('Length of the window in seconds.')
@minValue(1)
@maxValue(300)
param periodSeconds int = 60

@description('rate-limit-by-key needs a tier other than Consumption. false (Consumption): no gateway limit on the pages.')
param perIpRateLimit bool = true

resource apim 'Microsoft.ApiManagement/service@2024-05-01' existing = {
  name: apimName
}

resource product 'Microsoft.ApiManagement/service/products@2024-05-01' = {
  parent: apim
  name: 'bookme-message-pages'
  properties: {
    displayName: 'BookMe message pages'
    description: 'The confirm and unsubscribe pages behind the links in customer e-mails and SMS: anonymous, each checks its signed link.'
    subscriptionRequired: false
    state: 'published'
  }
}

resource api 'Microsoft.ApiManagement/service/apis@2024-05-01' = {
  parent: apim
  name: 'bookme-message-pages'
  properties: {
    displayName: 'BookMe message pages'
    path: 'api/messages'
    protocols: [
      'https'
    ]
    apiType: 'http'
    serviceUrl: 'https://${functionAppHostName}/api/messages'
    subscriptionRequired: false
  }
}

// The two pages, each GET (shows it) and POST (its button, or a mail client's one-click unsubscribe).
var operationList = [
  {
    name: 'get-confirm'
    method: 'GET'
    urlTemplate: '/confirm'
  }
  {
    name: 'post-confirm'
    method: 'POST'
    urlTemplate: '/confirm'
  }
  {
    name: 'get-unsubscribe'
    method: 'GET'
    urlTemplate: '/unsubscribe'
  }
  {
    name: 'post-unsubscribe'
    method: 'POST'
    urlTemplate: '/unsubscribe'
  }
]

resource operations 'Microsoft.ApiManagement/service/apis/operations@2024-05-01' = [
  for op in operationList: {
    parent: api
    name: op.name
    properties: {
      displayName: '${op.method} ${op.urlTemplate}'
      method: op.method
      urlTemplate: op.urlTemplate
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

@description('MESSAGES_LINK_BASE_URL: the links are {it}/api/messages/confirm and {it}/api/messages/unsubscribe.')
output linkBaseUrl string = apim.properties.gatewayUrl
