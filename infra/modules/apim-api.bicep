// One BookMe API version in API Management: the Function App backend, the API imported from
// openapi/openapi.json, its policy (infra/policies/api-policy.xml) and its place in the product.
// main.bicep deploys it twice: v2 at api/v2/bookme and v1 at api/v1/bookme.

@description('API Management instance name.')
param apimName string

@description('API id, e.g. bookme-v2.')
param apiName string

param displayName string
param apiDescription string

@description('Public path below the gateway URL, e.g. api/v2/bookme.')
param path string

@description('The OpenAPI document (JSON text, loaded by main.bicep from openapi/openapi.json).')
param openApiDocument string

@description('Backend base URL: https://<function app host>/api/v2/bookme (or v1).')
param backendUrl string

@description('Function App resource id (links the backend to it in the portal).')
param functionAppResourceId string

@description('Named value holding the Function App host key, sent as x-functions-key. Empty: no key.')
param functionKeyNamedValue string = ''

@description('Product the API joins.')
param productName string

@description('API-level subscription requirement. false: APIM lets keyless calls reach the policy, which requires a key for every operation except the public ones (health, openapi.json, docs).')
param subscriptionRequired bool = false

@description('''Policy settings: {
  tenantId: string
  audiences: string[]
  clientApplicationIds: string[]
  corsAllowedOrigins: string[]
  rateLimitCalls: int
  rateLimitPeriodSeconds: int
  perKeyRateLimit: bool   // rate-limit-by-key needs a tier other than Consumption
}''')
param policy object

@description('Largest declared request body (Content-Length) the gateway forwards; more is 413 payload_too_large. The app refuses bodies over 1 MiB itself (shared/http/endpoint.ts).')
param maxBodyBytes int = 1048576

@description('Operations that need neither subscription key nor token (regular expression on the operation URL template).')
param publicPathPattern string = '^/(health|openapi[.]json|docs)(/.*)?$'

@description('Public GET operations added when the OpenAPI document does not define them, so the gateway routes them.')
param publicOperations array = [
  {
    name: 'public-health'
    displayName: 'Health'
    urlTemplate: '/health'
  }
  {
    name: 'public-openapi-document'
    displayName: 'OpenAPI document'
    urlTemplate: '/openapi.json'
  }
  {
    name: 'public-api-reference'
    displayName: 'API reference'
    urlTemplate: '/docs'
  }
  {
    name: 'public-api-reference-assets'
    displayName: 'API reference assets'
    urlTemplate: '/docs/{*path}'
    templateParameters: [
      {
        name: 'path'
        type: 'string'
        required: true
      }
    ]
  }
]

resource apim 'Microsoft.ApiManagement/service@2024-05-01' existing = {
  name: apimName
}

resource product 'Microsoft.ApiManagement/service/products@2024-05-01' existing = {
  parent: apim
  name: productName
}

var functionKeyCredentials = {
  credentials: {
    header: {
      'x-functions-key': [
        '{{${functionKeyNamedValue}}}' // the named value, resolved by API Management at run time
      ]
    }
  }
}
var backendCredentials = empty(functionKeyNamedValue) ? {} : functionKeyCredentials

resource backend 'Microsoft.ApiManagement/service/backends@2024-05-01' = {
  parent: apim
  name: '${apiName}-functions'
  properties: union(
    {
      description: 'BookMe Function App (${path})'
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
    format: 'openapi+json'
    translateRequiredQueryParameters: 'query'
    value: openApiDocument
    serviceUrl: backendUrl
    subscriptionRequired: subscriptionRequired
    subscriptionKeyParameterNames: {
      header: 'Ocp-Apim-Subscription-Key'
      query: 'subscription-key'
    }
  }
}

resource publicOperationsAdded 'Microsoft.ApiManagement/service/apis/operations@2024-05-01' = [
  for op in publicOperations: if (!contains(openApiDocument, '"${op.urlTemplate}"')) {
    parent: api
    name: op.name
    properties: {
      displayName: op.displayName
      method: 'GET'
      urlTemplate: op.urlTemplate
      templateParameters: contains(op, 'templateParameters') ? op.templateParameters : []
      responses: []
    }
  }
]

// ---------------------------------------------------------------------------------------------
// Policy: infra/policies/api-policy.xml with its placeholders filled in
// ---------------------------------------------------------------------------------------------

var policyTemplate = loadTextContent('../policies/api-policy.xml')

// Consumption has no rate-limit-by-key; its rate-limit counts per subscription (keyless public
// calls are not counted there). Other tiers count per client application: the azp (v2 tokens) or
// appid (v1 tokens) claim of the token validate-azure-ad-token has just checked (clientToken), else
// the subscription, else the caller IP (public operations). The local host does the same
// (dev/host/client-key.ts). Over the limit, on-error answers 429 problem+json with Retry-After.
var clientCounterKey = '@{ var token = context.Variables.GetValueOrDefault<Jwt>("clientToken", null); var client = token == null ? "" : token.Claims.GetValueOrDefault("azp", token.Claims.GetValueOrDefault("appid", "")); return client != "" ? "client:" + client : (context.Subscription != null ? "subscription:" + context.Subscription.Id : "ip:" + context.Request.IpAddress); }'
var rateLimitByKeyXml = '<rate-limit-by-key calls="${policy.rateLimitCalls}" renewal-period="${policy.rateLimitPeriodSeconds}" counter-key="${clientCounterKey}" retry-after-variable-name="retryAfter" remaining-calls-header-name="RateLimit-Remaining" total-calls-header-name="RateLimit-Limit" />'
var rateLimitPerSubscriptionXml = '<rate-limit calls="${policy.rateLimitCalls}" renewal-period="${policy.rateLimitPeriodSeconds}" retry-after-variable-name="retryAfter" remaining-calls-header-name="RateLimit-Remaining" total-calls-header-name="RateLimit-Limit" />'
var rateLimitXml = policy.perKeyRateLimit ? rateLimitByKeyXml : rateLimitPerSubscriptionXml

var applicationIdsXml = join(map(policy.clientApplicationIds, id => '<application-id>${id}</application-id>'), '')
var clientApplicationIdsXml = empty(policy.clientApplicationIds) ? '' : '<client-application-ids>${applicationIdsXml}</client-application-ids>'
var audiencesXml = join(map(policy.audiences, a => '<audience>${a}</audience>'), '')
var corsOriginsXml = join(map(policy.corsAllowedOrigins, o => '<origin>${o}</origin>'), '')

// No allowed origins: drop the whole <cors> element (browsers then get no CORS headers).
var corsStart = indexOf(policyTemplate, '<cors ')
var corsEnd = indexOf(policyTemplate, '</cors>') + length('</cors>')
var policyWithoutCors = '${substring(policyTemplate, 0, corsStart)}${substring(policyTemplate, corsEnd)}'
var policyWithCors = empty(policy.corsAllowedOrigins) ? policyWithoutCors : replace(policyTemplate, '__CORS_ORIGINS__', corsOriginsXml)

var policyStep1 = replace(policyWithCors, '__TENANT_ID__', policy.tenantId)
var policyStep2 = replace(policyStep1, '__AUDIENCES__', audiencesXml)
var policyStep3 = replace(policyStep2, '__CLIENT_APPLICATION_IDS__', clientApplicationIdsXml)
var policyStep4 = replace(policyStep3, '__PUBLIC_PATH_PATTERN__', publicPathPattern)
var policyStep5 = replace(policyStep4, '__RATE_LIMIT__', rateLimitXml)
var policyStep6 = replace(policyStep5, '__MAX_BODY_BYTES__', string(maxBodyBytes))
var policyXml = replace(policyStep6, '__BACKEND_ID__', backend.name)

resource apiPolicy 'Microsoft.ApiManagement/service/apis/policies@2024-05-01' = {
  parent: api
  name: 'policy'
  properties: {
    format: 'rawxml'
    value: policyXml
  }
  dependsOn: [
    publicOperationsAdded
  ]
}

resource productApi 'Microsoft.ApiManagement/service/products/apis@2024-05-01' = {
  parent: product
  name: api.name
}

output apiName string = api.name
output path string = api.properties.path
output backendName string = backend.name
