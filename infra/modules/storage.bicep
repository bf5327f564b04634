// The Function App's storage account: AzureWebJobsStorage (timer singleton leases, host keys)
// and the Flex Consumption deployment package container. Shared keys are off; the Function App
// identity gets the data roles the Functions host needs.

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

param location string
param tags object = {}

@description('Blob container that holds the deployment package (functionAppConfig.deployment.storage).')
param deploymentContainerName string

@description('Principal (the Function App identity) that gets blob, queue and table data roles.')
param dataPrincipalId string

// Built-in role definition ids.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // deployment package, host locks and keys
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // the webhook delivery queue (trigger and sender), host internals
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // host internals (diagnostic events)
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Public endpoint kept open on purpose: Flex Consumption reaches its deployment package and
    // AzureWebJobsStorage from changing outbound IPs without VNet integration, Functions is no
    // "trusted service" for the firewall bypass, and the storage firewall takes no service tags.
    // The lock is identity: shared keys off, Entra ID roles only (docs/deploy.md).
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource dataRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roles): {
    name: guid(account.id, dataPrincipalId, role.value)
    scope: account
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: dataPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output deploymentContainerName string = deploymentContainer.name
output queueEndpoint string = account.properties.primaryEndpoints.queue

// The webhook delivery and Outlook calendar-write queues and their poison queues (the host would create them on first use; declared so they exist from the start).
resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deliveryQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queueName in ['webhook-deliveries', 'webhook-deliveries-poison', 'calendar-writes', 'calendar-writes-poison']: {
    parent: queueService
    name: queueName
  }
]
