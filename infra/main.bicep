// PolicyBot on Azure: what the bot needs, in one resource group (see docs/azure.md).
// A user-assigned managed identity, the Azure Bot (Teams and Direct Line channels), a Linux App Service for .NET 10,
// Key Vault for the secrets the app reads, Application Insights with its Log Analytics workspace, and optionally
// Azure Managed Redis for several instances.

targetScope = 'resourceGroup'

@description('Prefix of every resource name (letters and digits, 3 to 16 characters).')
@minLength(3)
@maxLength(16)
param name string = 'policybot'

@description('Azure region of the resources (the Azure Bot resource itself is global).')
param location string = resourceGroup().location

@description('UserAssignedMSI: the bot signs in as the managed identity created here (no secret). SingleTenant: as an existing Entra app registration (appId and appPassword).')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botAppType string = 'UserAssignedMSI'

@description('SingleTenant only: the Entra app registration\'s application (client) id.')
param botAppId string = ''

@description('SingleTenant only: a client secret of that app registration (stored in Key Vault).')
@secure()
param botAppPassword string = ''

@description('Entra tenant ids allowed to use the bot in Teams (Teams:AllowedTenantIds); empty means this tenant only.')
param teamsAllowedTenantIds array = []

@description('App Service plan SKU (P0v3 or larger keeps always-on and scale-out).')
param appServiceSku string = 'P0v3'

@description('Instances of the web app; more than one needs Redis (deployRedis).')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Create Azure Managed Redis for conversation state shared by several instances.')
param deployRedis bool = false

@description('Azure Managed Redis SKU when deployRedis is true.')
param redisSku string = 'Balanced_B0'

@description('Azure Bot pricing tier: F0 (free, standard channels) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

var suffix = uniqueString(resourceGroup().id, name)
var tenantId = tenant().tenantId
var usesManagedIdentity = botAppType == 'UserAssignedMSI'
var allowedTenants = empty(teamsAllowedTenantIds) ? [tenantId] : teamsAllowedTenantIds
// Key Vault Secrets User: read secret values (for Key Vault references in app settings).
var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id-${suffix}'
  location: location
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${name}kv${suffix}', 24)
  location: location
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
  }
}

resource vaultReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRole)
  scope: vault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan-${suffix}'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

var webAppName = '${name}-${suffix}'
var messagingEndpoint = 'https://${webAppName}.azurewebsites.net/api/messages'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'PolicyBot'
    description: 'NATO Human Security policy questions, answered with their sources.'
    endpoint: messagingEndpoint
    msaAppType: botAppType
    msaAppId: usesManagedIdentity ? identity.properties.clientId : botAppId
    msaAppTenantId: tenantId
    msaAppMSIResourceId: usesManagedIdentity ? identity.id : null
    disableLocalAuth: false
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

resource directLineChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Web chat page'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: false
          isBlockUserUploadEnabled: true
        }
      ]
    }
  }
}

// The Direct Line secret goes straight from the channel into Key Vault; the app reads it by reference.
resource directLineSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'DirectLineSecret'
  properties: {
    value: directLineChannel.listChannelWithKeys().properties.properties.sites[0].key
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!usesManagedIdentity) {
  parent: vault
  name: 'MicrosoftAppPassword'
  properties: {
    value: botAppPassword
  }
}

resource redis 'Microsoft.Cache/redisEnterprise@2024-10-01' = if (deployRedis) {
  name: '${name}-redis-${suffix}'
  location: location
  sku: {
    name: redisSku
  }
  properties: {
    minimumTlsVersion: '1.2'
  }
}

resource redisDatabase 'Microsoft.Cache/redisEnterprise/databases@2024-10-01' = if (deployRedis) {
  parent: redis
  name: 'default'
  properties: {
    clientProtocol: 'Encrypted'
    port: 10000
    clusteringPolicy: 'EnterpriseCluster'
    evictionPolicy: 'NoEviction'
  }
}

resource redisConnectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (deployRedis) {
  parent: vault
  name: 'RedisConnectionString'
  properties: {
    value: deployRedis ? '${redis!.properties.hostName}:10000,password=${redisDatabase!.listKeys().primaryKey},ssl=True,abortConnect=False' : ''
  }
}

var baseSettings = [
  {
    name: 'ASPNETCORE_ENVIRONMENT'
    value: 'Production'
  }
  {
    name: 'MicrosoftAppType'
    value: botAppType
  }
  {
    name: 'MicrosoftAppId'
    value: usesManagedIdentity ? identity.properties.clientId : botAppId
  }
  {
    name: 'MicrosoftAppTenantId'
    value: tenantId
  }
  {
    name: 'WebChat__DirectLineSecret'
    value: '@Microsoft.KeyVault(SecretUri=${directLineSecret.properties.secretUri})'
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  {
    name: 'Hosting__ShutdownTimeout'
    value: '00:00:20'
  }
  {
    name: 'Storage__Provider'
    value: deployRedis ? 'Redis' : 'Memory'
  }
]

var passwordSettings = usesManagedIdentity
  ? []
  : [
      {
        name: 'MicrosoftAppPassword'
        value: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret!.properties.secretUri})'
      }
    ]

var redisSettings = deployRedis
  ? [
      {
        name: 'Storage__Redis__ConnectionString'
        value: '@Microsoft.KeyVault(SecretUri=${redisConnectionSecret!.properties.secretUri})'
      }
    ]
  : []

var tenantSettings = [
  for (tenantIdAllowed, index) in allowedTenants: {
    name: 'Teams__AllowedTenantIds__${index}'
    value: tenantIdAllowed
  }
]

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      appCommandLine: 'dotnet PolicyBot.dll'
      alwaysOn: true
      healthCheckPath: '/readyz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      webSocketsEnabled: true
      appSettings: concat(baseSettings, passwordSettings, redisSettings, tenantSettings)
    }
  }
  dependsOn: [
    vaultReader
  ]
}

@description('The bot\'s public host name; the messaging endpoint is https://<this>/api/messages.')
output webAppHostName string = web.properties.defaultHostName

@description('The web app, for az webapp deploy.')
output webAppName string = web.name

@description('The Azure Bot resource.')
output botName string = bot.name

@description('The bot\'s app id: the Teams package\'s --bot-id.')
output botAppId string = usesManagedIdentity ? identity.properties.clientId : botAppId

@description('Where the secrets are (docs/azure.md, rotating secrets).')
output keyVaultName string = vault.name

@description('Application Insights, for traces, metrics and logs.')
output appInsightsName string = appInsights.name
