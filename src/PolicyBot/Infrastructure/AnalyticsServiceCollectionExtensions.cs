using Microsoft.Extensions.Options;
using PolicyBot.Analytics;
using PolicyBot.Analytics.Recording;
using PolicyBot.Analytics.Storage;
using PolicyBot.Options;
using PolicyBot.Storage;

namespace PolicyBot.Infrastructure;

/// <summary>
/// The content owners' analytics (issue 15): the recorder the bot queues each turn to, the store chosen by
/// Analytics:Store (a SQLite file, or the Redis stream beside the conversation state), and the background service
/// that writes the queue and applies Privacy:RetentionDays.
/// </summary>
internal static class AnalyticsServiceCollectionExtensions
{
    public static IServiceCollection AddPolicyBotAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnalyticsOptions>().Bind(configuration.GetSection(AnalyticsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AnalyticsOptions>>(new AnalyticsOptionsValidator(configuration));
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>();

        services.AddSingleton(sp => Choice(sp));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value;
            return new AnalyticsRecorder(options.QueueCapacity, enabled: !sp.GetRequiredService<AnalyticsStoreChoice>().IsOff);
        });
        services.AddSingleton<IAnalyticsStore>(sp =>
        {
            var choice = sp.GetRequiredService<AnalyticsStoreChoice>();
            if (choice.Kind == AnalyticsOptions.RedisStore)
            {
                var connection = sp.GetRequiredService<RedisConnection>();
                return new RedisAnalyticsStore(connection.GetDatabaseAsync, sp.GetRequiredService<IOptions<StorageOptions>>().Value.Redis.KeyPrefix ?? string.Empty);
            }

            return new SqliteAnalyticsStore(choice.SqlitePath ?? AnalyticsOptions.DefaultSqlitePath);
        });
        services.AddSingleton(sp =>
        {
            var privacy = sp.GetRequiredService<IOptionsMonitor<PrivacyOptions>>();
            var analytics = sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value;
            return new AnalyticsWriter(
                sp.GetRequiredService<AnalyticsRecorder>(),
                sp.GetRequiredService<IAnalyticsStore>(),
                () => privacy.CurrentValue.KeepUnansweredText,
                analytics.BatchSize,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<AnalyticsWriter>>(),
                analytics.WriteInterval);
        });
        services.AddHostedService<AnalyticsHostedService>();
        return services;
    }

    private static AnalyticsStoreChoice Choice(IServiceProvider sp)
    {
        var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
        var (choice, errors) = AnalyticsStoreChoice.Resolve(sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value, storage.Provider, storage.Redis.ConnectionString);
        return choice ?? throw new OptionsValidationException(AnalyticsOptions.SectionName, typeof(AnalyticsOptions), errors);
    }
}

/// <summary>Analytics:* checked at start-up, with the Storage settings it depends on, by the rule the CLI's report also uses.</summary>
internal sealed class AnalyticsOptionsValidator(IConfiguration configuration) : IValidateOptions<AnalyticsOptions>
{
    public ValidateOptionsResult Validate(string? name, AnalyticsOptions options)
    {
        var storage = configuration.GetSection(StorageOptions.SectionName);
        var (_, errors) = AnalyticsStoreChoice.Resolve(options, storage[nameof(StorageOptions.Provider)], storage.GetSection(nameof(StorageOptions.Redis))[nameof(RedisStorageOptions.ConnectionString)]);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
