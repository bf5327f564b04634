// The user-assigned managed identity the Function App runs as. It reaches Storage
// (AzureWebJobsStorage and the deployment package), Cosmos DB and Application Insights with
// Microsoft Entra ID: no keys or connection strings anywhere.

@description('Name of the identity.')
param name string

param location string
param tags object = {}

resource userIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = userIdentity.id
output name string = userIdentity.name
output principalId string = userIdentity.properties.principalId
output clientId string = userIdentity.properties.clientId
