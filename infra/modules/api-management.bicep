// The API Management instance, the BookMe product (both API versions join it in
// apim-api.bicep) and one product subscription whose key callers send as
// Ocp-Apim-Subscription-Key (header) or subscription-key (query).

@description('API Management instance name.')
param name string

param location string
param tags object = {}

@description('Consumption (default, per call), Developer or BasicV2.')
@allowed([
  'Consumption'
  'Developer'
  'BasicV2'
])
param sku string = 'Consumption'

@description('Publisher e-mail (system notifications).')
param publisherEmail string

@description('Publisher name.')
param publisherName string

@description('Product that groups the BookMe APIs.')
param productName string = 'bookme'

@description('Subscription created for the product; read its keys with listSecrets (docs/deploy.md).')
param subscriptionName string = 'bookme-default'

resource apim 'Microsoft.ApiManagement/service@2024-05-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
    capacity: sku == 'Consumption' ? 0 : 1
  }
  properties: {
    publisherEmail: publisherEmail
    publisherName: publisherName
  }
}

resource product 'Microsoft.ApiManagement/service/products@2024-05-01' = {
  parent: apim
  name: productName
  properties: {
    displayName: 'BookMe'
    description: 'BookMe meeting-booking API (v1 and v2). Calls need a subscription key and a Microsoft Entra ID access token.'
    subscriptionRequired: true
    approvalRequired: false
    state: 'published'
  }
}

resource defaultSubscription 'Microsoft.ApiManagement/service/subscriptions@2024-05-01' = {
  parent: apim
  name: subscriptionName
  properties: {
    displayName: 'BookMe default subscription'
    scope: '/products/${product.name}'
    state: 'active'
    allowTracing: false
  }
}

output name string = apim.name
// Static public IPs exist on the classic tiers (Developer); Consumption and the v2 tiers have none
// to pin (docs/deploy.md, "Function App only through API Management").
output publicIPAddresses array = sku == 'Developer' ? (apim.properties.?publicIPAddresses ?? []) : []
output gatewayUrl string = apim.properties.gatewayUrl
output productName string = product.name
output subscriptionName string = defaultSubscription.name
output subscriptionResourceId string = defaultSubscription.id
