using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;
using PolicyBot.Adapters;
using PolicyBot.Bots;
using PolicyBot.Health;
using PolicyBot.Options;
using PolicyBot.Storage;
using PolicyBot.WebChat;

namespace PolicyBot.Infrastructure;

/// <summary>Start-up in one place: what the host registers, and the HTTP pipeline.</summary>
internal static class PolicyBotServiceCollectionExtensions
{
    public static IServiceCollection AddPolicyBot(this IServiceCollection services, IConfiguration configuration)
    {
        // Options, each checked at start-up: a bad setting stops the host with a message naming it.
        services.AddOptions<BotAuthenticationOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotAuthenticationOptions>, BotAuthenticationOptionsValidator>();
        services.AddOptions<HostingOptions>().Bind(configuration.GetSection(HostingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConversationRateLimiter>();

        // Teams searches as the user types: a larger bucket than messages' (60 at once, 30 back every 10 s).
        services.AddOptions<RateLimitingOptions>(RateLimitingOptions.SearchName)
            .Configure(search => (search.BurstLimit, search.MessagesPerPeriod) = (60, 30))
            .Bind(configuration.GetSection(RateLimitingOptions.SearchSectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SearchRateLimiter>();

        // Read from configuration, not IOptions<HostingOptions>: the host takes HostOptions while it is built, before
        // ValidateOnStart reports a bad Hosting setting by name.
        services.AddOptions<HostOptions>().Configure(host =>
            host.ShutdownTimeout = configuration.GetSection(HostingOptions.SectionName).GetValue(nameof(HostingOptions.ShutdownTimeout), new HostingOptions().ShutdownTimeout));
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<HostingOptions>>((kestrel, hosting) =>
            kestrel.Limits.MaxRequestBodySize = hosting.Value.MaxRequestBodyBytes);

        // The Bot Framework: authentication from the standard settings, the adapter, conversation state, the bot.
        // Outgoing Bot Connector calls get their HttpClient from the pooled factory.
        services.AddHttpClient();
        services.AddSingleton(sp => new ClientReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication(
            configuration,
            httpClientFactory: sp.GetRequiredService<IHttpClientFactory>(),
            logger: sp.GetRequiredService<ILoggerFactory>().CreateLogger<ConfigurationBotFrameworkAuthentication>()),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("PolicyBot.Messages")));
        services.AddSingleton<BotFrameworkAuthentication>(sp => sp.GetRequiredService<ClientReusingBotFrameworkAuthentication>());
        services.AddSingleton<AdapterWithErrorHandler>();
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<AdapterWithErrorHandler>());
        services.AddSingleton<BotAdapter>(sp => sp.GetRequiredService<AdapterWithErrorHandler>());
        services.AddBotStorage(configuration);
        services.AddSingleton<ConversationDataStore>();
        services.AddSingleton<TeamsMessageExtension>();
        services.AddTransient<IBot, PolicyTeamsBot>();

        services.AddPolicyAssistant(configuration);
        services.AddPolicyBotAnalytics(configuration);
        services.AddWebChat(configuration);
        services.AddPolicyBotTelemetry(configuration);
        services.AddPolicyBotHealthChecks();
        return services;
    }

    public static WebApplication UsePolicyBot(this WebApplication app)
    {
        app.UseWebChat();
        app.MapPost("/api/messages", BotMessageEndpoint.HandleAsync);
        app.MapPolicyBotHealthChecks();
        app.MapPolicyBotTelemetry();
        return app;
    }
}
