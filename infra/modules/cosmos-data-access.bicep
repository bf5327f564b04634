// Cosmos DB data-plane RBAC: Cosmos DB Built-in Data Contributor (read/write items, queries,
// change feed; no control-plane changes) for the Function App identity and, optionally, for the
// principal running azd (scripts, seeding, debugging).

@description('Cosmos DB account name.')
param accountName string

@description('Principal id of the Function App managed identity.')
param identityPrincipalId string

@description('Optional principal id (user or service principal) that also gets data access. Empty: none.')
param principalId string = ''

var dataContributorRoleId = '00000000-0000-0000-0000-000000000002' // Cosmos DB Built-in Data Contributor

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: accountName
}

resource identityDataAccess 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, identityPrincipalId, dataContributorRoleId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
    principalId: identityPrincipalId
    scope: account.id
  }
}

resource principalDataAccess 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = if (!empty(principalId)) {
  parent: account
  name: guid(account.id, principalId, dataContributorRoleId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
    principalId: principalId
    scope: account.id
  }
}
