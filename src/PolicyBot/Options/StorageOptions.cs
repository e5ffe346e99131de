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

    /// <summary>
    /// A conversation unused this long is forgotten by either store (its next turn is a fresh start). The memory
    /// store always honours it; Redis does unless the older Storage:Redis:ConversationExpiry is set.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = DefaultIdleTimeout;

    public MemoryStorageOptions Memory { get; set; } = new();

    public RedisStorageOptions Redis { get; set; } = new();

    public static TimeSpan DefaultIdleTimeout => TimeSpan.FromHours(24);

    /// <summary>How long Redis keeps a conversation after its last write: the old Redis key if set, else <see cref="IdleTimeout"/>. Zero = for ever.</summary>
    public TimeSpan RedisExpiry => Redis.ConversationExpiry ?? IdleTimeout;

    public bool UsesRedis => string.Equals(Provider, RedisProvider, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Settings of the embedded store (configuration section "Storage:Memory").</summary>
public sealed class MemoryStorageOptions
{
    /// <summary>
    /// At most this many conversations are kept; past it the least recently used are forgotten first. In the soak
    /// (benchmarks/README.md) 100,000 held conversations cost the process about 150-200 MB over its idle size.
    /// </summary>
    public int MaxConversations { get; set; } = 100_000;
}

/// <summary>Settings of the Redis store (configuration section "Storage:Redis").</summary>
public sealed class RedisStorageOptions
{
    /// <summary>A StackExchange.Redis connection string, for example "redis.internal:6380,password=…,ssl=true".</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Put before every key, so one Redis can serve several bots or environments.</summary>
    public string KeyPrefix { get; set; } = "policybot:";

    /// <summary>
    /// The older, Redis-only name of the idle timeout: when set it wins over Storage:IdleTimeout for Redis (so
    /// existing deployments keep their expiry); zero keeps state for ever. Unset (the default), Redis forgets on
    /// Storage:IdleTimeout like the memory store.
    /// </summary>
    public TimeSpan? ConversationExpiry { get; set; }

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
    private static readonly TimeSpan ShortestIdleTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestIdleTimeout = TimeSpan.FromDays(365);
    private const int MostConversations = 10_000_000;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!Providers.Contains(options.Provider, StringComparer.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail($"Storage:Provider: '{options.Provider}' is not one of {string.Join(", ", Providers)}.");
        }

        var failures = new List<string>();

        // Both stores forget on it; shorter than a minute would forget a user in the middle of reading an answer.
        if (options.IdleTimeout < ShortestIdleTimeout || options.IdleTimeout > LongestIdleTimeout)
        {
            failures.Add($"Storage:IdleTimeout: '{options.IdleTimeout}' must be from {ShortestIdleTimeout} to {LongestIdleTimeout.Days} days (for example 1.00:00:00 for a day).");
        }

        if (options.Memory is null || options.Memory.MaxConversations < 1 || options.Memory.MaxConversations > MostConversations)
        {
            failures.Add($"Storage:Memory:MaxConversations: '{options.Memory?.MaxConversations}' must be from 1 to 10,000,000.");
        }

        if (!options.UsesRedis)
        {
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        var redis = options.Redis;
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
