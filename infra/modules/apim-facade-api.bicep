// A seed-compatible facade (meetergo-style booking API, Bookings API for bots) in API Management:
// no subscription key (the clients written for those systems send only Authorization: Bearer
// <api key>, which the Function App checks), every method passed through to the Function App routes.

@description('API Management instance name.')
param apimName string

@description('API id, e.g. bookme-meetergo.')
param apiName string

param displayName string
param apiDescription string

@description('Public path below the gateway URL, e.g. meetergo (a client sets https://<gateway>/meetergo as its base URL).')
param path string

@description('Backend base URL the paths below path are appended to, e.g. https://<function app host>/api.')
param backendUrl string

@description('Function App resource id (links the backend to it in the portal).')
param functionAppResourceId string

@description('Product the API joins.')
param productName string

@description('Calls per period and client IP.')
param rateLimitCalls int
param rateLimitPeriodSeconds int

@description('rate-limit-by-key needs a tier other than Consumption.')
param perKeyRateLimit bool

@description('Named value holding the Function App host key, sent as x-functions-key. Empty: no key.')
param functionKeyNamedValue string = ''

resource apim 'Microsoft.ApiManagement/service@2024-05-01' existing = {
  name: apimName
}

resource product 'Microsoft.ApiManagement/service/products@2024-05-01' existing = {
  parent: apim
  name: productName
}

var backendCredentials = empty(functionKeyNamedValue)
  ? {}
  : {
      credentials: {
        header: {
          'x-functions-key': [
            '{{${functionKeyNamedValue}}}'
          ]
        }
      }
    }

resource backend 'Microsoft.ApiManagement/service/backends@2024-05-01' = {
  parent: apim
  name: '${apiName}-functions'
  properties: union(
    {
      description: 'BookMe Function App (${displayName})'
      url: backendUrl
      protocol: 'http'
      resourceId: '${environment().resourceManager}${substring(functionAppResourceId, 1)}'
      tls: {
        validateCertificateChain: true
        validateCertificateName: true
      }
    },
    backendCredentials
  )
}

resource api 'Microsoft.ApiManagement/service/apis@2024-05-01' = {
  parent: apim
  name: apiName
  properties: {
    displayName: displayName
    description: apiDescription
    path: path
    protocols: [
      'https'
    ]
    apiType: 'http'
    serviceUrl: backendUrl
    subscriptionRequired: false
  }
}

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
    name: 'all-${toLower(method)}'
    properties: {
      displayName: '${method} (any path)'
      method: method
      urlTemplate: '/*'
      templateParameters: []
      responses: []
    }
  }
]

var rateLimitXml = perKeyRateLimit
  ? '<rate-limit-by-key calls="${rateLimitCalls}" renewal-period="${rateLimitPeriodSeconds}" counter-key="@(context.Request.IpAddress)" />'
  : '<rate-limit calls="${rateLimitCalls}" renewal-period="${rateLimitPeriodSeconds}" />'
var policyXml = replace(replace(loadTextContent('../policies/facade-policy.xml'), '__RATE_LIMIT__', rateLimitXml), '__BACKEND_ID__', backend.name)

resource apiPolicy 'Microsoft.ApiManagement/service/apis/policies@2024-05-01' = {
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
