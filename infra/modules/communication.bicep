// Customer e-mail and SMS (docs/messages.md): an Email Communication Service with its sending
// domain (Azure-managed, or the bank's own domain once its DNS records verify), and a Communication
// Services resource linked to that domain. The Function App's user-assigned identity sends through it
// with Entra ID (ACS_ENDPOINT; no access key in any app setting): Contributor on this one resource,
// the role Azure Communication Services documents for Entra ID callers. Data stays in Europe.

@description('Communication Services resource name (also names the Email service).')
param name string

param tags object = {}

@description('Where message data is stored at rest.')
param dataLocation string = 'Europe'

@description('The bank\'s own sending domain (e.g. mail.bank.example): its DNS records must be verified before it sends. Empty: an Azure-managed domain (xxxx.azurecomm.net), fine for tests.')
param customDomain string = ''

@description('Principal id of the Function App managed identity.')
param identityPrincipalId string

var contributorRoleId = 'b24988ac-6180-42a0-ab88-20f7382dd24c' // Contributor, scoped to this resource only

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: '${name}-email'
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource domain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: empty(customDomain) ? 'AzureManagedDomain' : customDomain
  location: 'global'
  tags: tags
  properties: {
    domainManagement: empty(customDomain) ? 'AzureManaged' : 'CustomerManaged'
    // No open or click tracking: customer messages carry no tracking pixels or rewritten links.
    userEngagementTracking: 'Disabled'
  }
}

resource communication 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: name
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      domain.id
    ]
  }
}

resource sendRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communication.id, identityPrincipalId, contributorRoleId)
  scope: communication
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', contributorRoleId)
  }
}

@description('ACS_ENDPOINT: https://<name>.<region>.communication.azure.com')
output endpoint string = 'https://${communication.properties.hostName}'

@description('ACS_EMAIL_SENDER: the DoNotReply sender of the linked domain.')
output emailSender string = 'DoNotReply@${domain.properties.mailFromSenderDomain}'
