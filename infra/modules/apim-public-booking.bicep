// The public booking channel in API Management: the customer booking page (path book -> the
// Function App's /api/book) and its backend-for-frontend (path api/public/booking -> the Function
// App's /api/public/booking), in a product without subscription requirement, each with a
// per-client-IP rate limit (infra/policies/public-booking-policy.xml). The page then runs on the
// gateway's origin and calls /api/public/booking on the same origin: no CORS, no key, no token.

@description('API Management instance name.')
param apimName string

@description('Function App host name (without https://).')
param functionAppHostName string

@description('Calls allowed per client IP address in each window.')
param callsPerIp int = 120

@description('Length of the window in seconds.')
@minValue(1)
@maxValue(300)
param periodSeconds int = 60

@description('rate-limit-by-key needs a tier other than Consumption. false (Consumption): no gateway limit on the channel (docs/deploy.md: use Basic v2 or above for a public page).')
param perIpRateLimit bool = true

resource apim 'Microsoft.ApiManagement/service@2024-05-01' existing = {
  name: apimName
}

resource product 'Microsoft.ApiManagement/service/products@2024-05-01' = {
  parent: apim
  name: 'bookme-public-booking'
  properties: {
    displayName: 'BookMe public booking'
    description: 'The customer booking page and its backend-for-frontend: anonymous, limited per client IP address.'
    subscriptionRequired: false
    state: 'published'
  }
}

var apis = [
  {
    name: 'bookme-public-booking'
    displayName: 'BookMe public booking'
    path: 'api/public/booking'
    backendPath: 'public/booking'
  }
  {
    name: 'bookme-booking-page'
    displayName: 'BookMe booking page'
    path: 'book'
    backendPath: 'book'
  }
]

resource api 'Microsoft.ApiManagement/service/apis@2024-05-01' = [
  for a in apis: {
    parent: apim
    name: a.name
    properties: {
      displayName: a.displayName
      path: a.path
      protocols: [
        'https'
      ]
      apiType: 'http'
      serviceUrl: 'https://${functionAppHostName}/api/${a.backendPath}'
      subscriptionRequired: false
    }
  }
]

// One catch-all operation per method: the functions route and validate (problem+json) themselves.
var operationList = [
  {
    api: 0
    method: 'GET'
  }
  {
    api: 0
    method: 'POST'
  }
  {
    api: 1
    method: 'GET'
  }
]

resource operations 'Microsoft.ApiManagement/service/apis/operations@2024-05-01' = [
  for op in operationList: {
    parent: api[op.api]
    name: '${toLower(op.method)}-any'
    properties: {
      displayName: '${op.method} any'
      method: op.method
      urlTemplate: '/*'
      templateParameters: []
      responses: []
    }
  }
]

var policyTemplate = loadTextContent('../policies/public-booking-policy.xml')
var perIpXml = '<rate-limit-by-key calls="${callsPerIp}" renewal-period="${periodSeconds}" counter-key="@(context.Request.IpAddress)" remaining-calls-header-name="RateLimit-Remaining" total-calls-header-name="RateLimit-Limit" />'
var policyXml = replace(policyTemplate, '__RATE_LIMIT__', perIpRateLimit ? perIpXml : '')

resource policies 'Microsoft.ApiManagement/service/apis/policies@2024-05-01' = [
  for (a, i) in apis: {
    parent: api[i]
    name: 'policy'
    properties: {
      format: 'rawxml'
      value: policyXml
    }
    dependsOn: [
      operations
    ]
  }
]

resource productApis 'Microsoft.ApiManagement/service/products/apis@2024-05-01' = [
  for (a, i) in apis: {
    parent: product
    name: api[i].name
  }
]

output pageUrl string = '${apim.properties.gatewayUrl}/book/'
output publicApiPath string = apis[0].path
