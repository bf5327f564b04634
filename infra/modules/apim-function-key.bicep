// The Function App host key as a secret API Management named value, read with listKeys on the
// host (Microsoft.Web/sites/host/default). The apim-api.bicep backends send it as
// x-functions-key, so the functions with authLevel "function" accept calls from API Management
// only. The key never appears in a file, a parameter or an output.
//
// Managed-identity alternative (no shared secret): see docs/deploy.md.

@description('API Management instance name.')
param apimName string

@description('Function App name.')
param functionAppName string

@description('Named value name, referenced as {{name}} in backends and policies.')
param namedValueName string = 'bookme-function-key'

resource apim 'Microsoft.ApiManagement/service@2024-05-01' existing = {
  name: apimName
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource functionKey 'Microsoft.ApiManagement/service/namedValues@2024-05-01' = {
  parent: apim
  name: namedValueName
  properties: {
    displayName: namedValueName
    secret: true
    value: listKeys('${functionApp.id}/host/default', '2024-04-01').functionKeys.default
  }
}

output namedValueName string = functionKey.name
