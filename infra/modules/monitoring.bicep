// Log Analytics + workspace-based Application Insights. Local (key) ingestion is disabled:
// the Function App sends telemetry with its managed identity
// (APPLICATIONINSIGHTS_AUTHENTICATION_STRING), which needs Monitoring Metrics Publisher.

param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object = {}

@description('Principal (the Function App identity) that publishes telemetry with Entra ID.')
param metricsPublisherPrincipalId string

@description('Days Log Analytics keeps data.')
param retentionInDays int = 30

var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, metricsPublisherPrincipalId, monitoringMetricsPublisherRoleId)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: metricsPublisherPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output applicationInsightsName string = appInsights.name
output applicationInsightsConnectionString string = appInsights.properties.ConnectionString
output logAnalyticsWorkspaceId string = workspace.id
