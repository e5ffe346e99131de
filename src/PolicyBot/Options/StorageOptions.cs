using System.Net;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PolicyBot.Options;

/// <summary>Where conversation state is kept (configuration section "Storage").</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string MemoryProvider = "Memory";
    public const string RedisProvider = "Redis";

    /// <summary>"Memory" (one instance, lost on restart) or "Redis" (shared by every instance behind a load balancer).</summary>
    public string Provider { get; set; } = MemoryProvider;

    public RedisStorageOptions Redis { get; set; } = new();

    public bool UsesRedis => string.Equals(Provider, RedisProvider, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Settings of the Redis store (configuration section "Storage:Redis").</summary>
public sealed class RedisStorageOptions
{
    /// <summary>A StackExchange.Redis connection string, for example "redis.internal:6380,password=…,ssl=true".</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Put before every key, so one Redis can serve several bots or environments.</summary>
    public string KeyPrefix { get; set; } = "policybot:";

    /// <summary>
    /// A conversation's state is deleted this long after its last turn. 30 days covers a policy question picked up
    /// again weeks later; after that the dialog simply starts at the top. Zero keeps state for ever.
    /// </summary>
    public TimeSpan ConversationExpiry { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long one connection attempt may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one read or write may take before the turn gets "temporarily unavailable".</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>When every operation has failed for this long, the connection is thrown away and made anew.</summary>
    public TimeSpan ReconnectAfter { get; set; } = TimeSpan.FromMinutes(1);
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private static readonly string[] Providers = [StorageOptions.MemoryProvider, StorageOptions.RedisProvider];
    private static readonly TimeSpan LongestTimeout = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!Providers.Contains(options.Provider, StringComparer.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail($"Storage:Provider: '{options.Provider}' is not one of {string.Join(", ", Providers)}.");
        }

        if (!options.UsesRedis)
        {
            return ValidateOptionsResult.Success;
        }

        var redis = options.Redis;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(redis.ConnectionString))
        {
            failures.Add("Storage:Redis:ConnectionString: Storage:Provider is Redis but no connection string is set (for example \"localhost:6379\").");
        }
        else if (ParseConnectionString(redis.ConnectionString) is { } problem)
        {
            failures.Add($"Storage:Redis:ConnectionString: {problem}");
        }

        if (redis.KeyPrefix is null)
        {
            failures.Add("Storage:Redis:KeyPrefix: must not be null (use an empty string for no prefix).");
        }

        if (redis.ConversationExpiry < TimeSpan.Zero)
        {
            failures.Add($"Storage:Redis:ConversationExpiry: '{redis.ConversationExpiry}' is negative; use a positive time such as 30.00:00:00, or 00:00:00 to keep state for ever.");
        }

        AddIfOutOfRange(failures, "Storage:Redis:ConnectTimeout", redis.ConnectTimeout);
        AddIfOutOfRange(failures, "Storage:Redis:OperationTimeout", redis.OperationTimeout);
        if (redis.ReconnectAfter <= TimeSpan.Zero)
        {
            failures.Add($"Storage:Redis:ReconnectAfter: '{redis.ReconnectAfter}' must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Why the connection string cannot be used, or null. The string itself is never echoed: it may hold a password.</summary>
    internal static string? ParseConnectionString(string connectionString)
    {
        try
        {
            var parsed = ConfigurationOptions.Parse(connectionString);
            if (parsed.EndPoints.Count == 0)
            {
                return "names no server (expected host:port, for example \"localhost:6379\").";
            }

            var badHost = parsed.EndPoints.OfType<DnsEndPoint>().FirstOrDefault(e => e.Host.Any(char.IsWhiteSpace));
            return badHost is null ? null : $"'{badHost.Host}' is not a host name.";
        }
        catch (ArgumentException ex)
        {
            return $"cannot be parsed: {ex.Message}";
        }
    }

    private static void AddIfOutOfRange(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > LongestTimeout)
        {
            failures.Add($"{setting}: '{value}' must be more than zero and at most {LongestTimeout}.");
        }
    }
}
