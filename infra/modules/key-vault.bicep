// Key Vault for personal data at rest (CPR): one RSA key-encryption key that wraps the per-value
// AES-256 data keys (shared/crypto). The Function App identity may only get the key and wrap and
// unwrap with it (Key Vault Crypto Service Encryption User on the key); the private key never leaves
// the vault. RBAC authorization, soft delete and purge protection: a deleted key would make every
// stored CPR unreadable.
//
// Rotation: the rotation policy makes a new key version every year; the app wraps new data keys with
// the current version (PERSONAL_DATA_KEY_ID is the id without a version) and unwraps each value with
// the version recorded beside it, so old versions must stay enabled and get no expiry date (an expired
// version no longer unwraps). docs/personal-data.md describes a manual rotation and the re-wrap.

@description('Key Vault name (3-24 letters, digits and hyphens).')
param name string

param location string
param tags object = {}

@description('Principal id of the Function App managed identity.')
param identityPrincipalId string

@description('Name of the key-encryption key.')
param keyName string = 'bookme-personal-data'

var cryptoServiceEncryptionUserRoleId = 'e147488a-f6f5-4113-8e2d-b22465e65bf6' // Key Vault Crypto Service Encryption User

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource kek 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: keyName
  properties: {
    kty: 'RSA'
    keySize: 3072
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
    rotationPolicy: {
      lifetimeActions: [
        {
          trigger: {
            timeAfterCreate: 'P1Y'
          }
          action: {
            type: 'rotate'
          }
        }
      ]
    }
  }
}

resource identityKeyAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: kek
  name: guid(kek.id, identityPrincipalId, cryptoServiceEncryptionUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', cryptoServiceEncryptionUserRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
@description('The key id without a version (PERSONAL_DATA_KEY_ID).')
output keyUri string = kek.properties.keyUri
