// Cosmos DB for NoSQL: the account, the database and every container of
// config/cosmos-containers.json (main.bicep loads the file and passes its lists here).
// Local (key) auth is disabled: the Function App signs requests with its managed identity and
// a data-plane role (cosmos-data-access.bicep). The containers exist before the app starts;
// the app's createIfNotExists calls then only read them.

@description('Account name (3-44 lowercase letters, digits and hyphens).')
param name string

param location string
param tags object = {}

@description('Database name (config/cosmos-containers.json "database").')
param databaseName string

@description('Containers from config/cosmos-containers.json: { name, partitionKey, defaultTtl?, compositeIndexes? }.')
param containers array

@description('serverless: pay per request (default). autoscale: provisioned throughput shared by the database. Fixed at account creation.')
@allowed([
  'serverless'
  'autoscale'
])
param throughputMode string = 'serverless'

@description('IPv4 addresses or CIDR ranges allowed besides Azure datacenters (0.0.0.0 below).')
param allowedIpRanges array = []

@description('Autoscale maximum RU/s for the database (autoscale only).')
@minValue(1000)
param autoscaleMaxThroughput int = 1000

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: throughputMode == 'serverless' ? [ { name: 'EnableServerless' } ] : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    // The IP firewall: only Azure datacenters (0.0.0.0 is the documented "accept connections from
    // within public Azure datacenters"; the Flex Consumption app has no fixed outbound IP to name)
    // and the given ranges. Keys are off, so every caller also needs an Entra data role.
    publicNetworkAccess: 'Enabled'
    ipRules: map(concat(['0.0.0.0'], allowedIpRanges), range => { ipAddressOrRange: range })
    isVirtualNetworkFilterEnabled: false
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: 'Continuous7Days'
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    // Serverless accounts take no throughput; autoscale is shared by all containers.
    options: throughputMode == 'autoscale' ? { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } } : {}
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in containers: {
    parent: database
    name: container.name
    properties: {
      resource: union(
        {
          id: container.name
          partitionKey: {
            paths: [
              container.partitionKey
            ]
            kind: 'Hash'
            version: 2
          }
          indexingPolicy: {
            indexingMode: 'consistent'
            automatic: true
            includedPaths: [
              {
                path: '/*'
              }
            ]
            excludedPaths: [
              {
                path: '/"_etag"/?'
              }
            ]
            // ORDER BY on two paths needs a composite index (meetings: numbered pages by startDate, id).
            compositeIndexes: contains(container, 'compositeIndexes') ? container.compositeIndexes : []
          }
        },
        // defaultTtl only where the config sets it (e.g. idempotency: 86400 s); other
        // containers keep TTL off so no document expires by accident.
        contains(container, 'defaultTtl') ? { defaultTtl: container.defaultTtl } : {}
      )
      options: {}
    }
  }
]

output name string = account.name
output id string = account.id
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
output containerNames array = [for (container, i) in containers: sqlContainers[i].name]
