using Microsoft.Extensions.Options;

namespace PolicyBot.Analytics;

/// <summary>Where answer and feedback events are kept (configuration section "Analytics"); what is kept is under "Privacy".</summary>
public sealed class AnalyticsOptions
{
    public const string SectionName = "Analytics";
    public const string AutoStore = "Auto";
    public const string SqliteStore = "Sqlite";
    public const string RedisStore = "Redis";
    public const string NoStore = "Off";
    public const string DefaultSqlitePath = "data/policybot-analytics.db";

    /// <summary>
    /// "Auto" (the default): the Redis stream when Storage:Provider is Redis (every instance in one report), else the
    /// SQLite file. "Sqlite", "Redis" (on Storage:Redis:ConnectionString) or "Off" choose explicitly.
    /// </summary>
    public string Store { get; set; } = AutoStore;

    /// <summary>
    /// The SQLite file; its folder is created at start-up. A relative path is under the repository root when the bot
    /// runs from a clone (so `dotnet run` of the bot and of the CLI agree), else under the working directory.
    /// </summary>
    public string SqlitePath { get; set; } = DefaultSqlitePath;

    /// <summary>
    /// Events waiting in memory for the background writer, at most. Past it new events are dropped (counted and
    /// logged) rather than slowing a turn; a crash loses at most this many plus one batch.
    /// </summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Events written in one transaction (SQLite) or one pipeline (Redis), at most.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How long the writer gathers events after a write that was not a full batch: one transaction a second under
    /// load instead of one per turn (each commit costs the store a disk write). A crash loses at most this much more.
    /// </summary>
    public TimeSpan WriteInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>The store the settings come to: its kind and, for SQLite, the full path.</summary>
public sealed record AnalyticsStoreChoice(string Kind, string? SqlitePath)
{
    public bool IsOff => Kind == AnalyticsOptions.NoStore;

    /// <summary>
    /// Chooses the store from Analytics:* and the conversation storage settings, or says (naming each setting) why
    /// it cannot. The host's start-up check and the CLI's report both call this, so they always agree.
    /// </summary>
    public static (AnalyticsStoreChoice? Choice, IReadOnlyList<string> Errors) Resolve(AnalyticsOptions options, string? storageProvider, string? redisConnectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        string[] kinds = [AnalyticsOptions.AutoStore, AnalyticsOptions.SqliteStore, AnalyticsOptions.RedisStore, AnalyticsOptions.NoStore];
        var kind = kinds.FirstOrDefault(k => string.Equals(k, options.Store?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (kind is null)
        {
            errors.Add($"Analytics:Store: '{options.Store}' is not one of {string.Join(", ", kinds)}.");
            return (null, errors);
        }

        if (kind == AnalyticsOptions.AutoStore)
        {
            kind = string.Equals(storageProvider, "Redis", StringComparison.OrdinalIgnoreCase) ? AnalyticsOptions.RedisStore : AnalyticsOptions.SqliteStore;
        }

        if (options.QueueCapacity is < 100 or > 1_000_000)
        {
            errors.Add($"Analytics:QueueCapacity: '{options.QueueCapacity}' must be from 100 to 1,000,000 events.");
        }

        if (options.WriteInterval < TimeSpan.Zero || options.WriteInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"Analytics:WriteInterval: '{options.WriteInterval}' must be from 00:00:00 to 00:01:00.");
        }

        if (options.BatchSize < 1 || options.BatchSize > 10_000 || options.BatchSize > options.QueueCapacity)
        {
            errors.Add($"Analytics:BatchSize: '{options.BatchSize}' must be from 1 to 10,000 and at most Analytics:QueueCapacity.");
        }

        string? path = null;
        if (kind == AnalyticsOptions.SqliteStore)
        {
            if (string.IsNullOrWhiteSpace(options.SqlitePath))
            {
                errors.Add($"Analytics:SqlitePath: is empty; give the database file, for example {AnalyticsOptions.DefaultSqlitePath} (relative to the working directory).");
            }
            else
            {
                try
                {
                    path = SqliteFile(options.SqlitePath.Trim());
                    if (Directory.Exists(path))
                    {
                        errors.Add($"Analytics:SqlitePath: '{options.SqlitePath}' is a folder; give a file in it, for example {Path.Combine(options.SqlitePath, "policybot-analytics.db")}.");
                    }
                }
                catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
                {
                    errors.Add($"Analytics:SqlitePath: '{options.SqlitePath}' is not a file path ({ex.Message}).");
                }
            }
        }
        else if (kind == AnalyticsOptions.RedisStore && string.IsNullOrWhiteSpace(redisConnectionString))
        {
            errors.Add("Analytics:Store: the Redis stream needs Storage:Redis:ConnectionString (the Redis of the conversation state, for example \"localhost:6379\").");
        }

        return errors.Count > 0 ? (null, errors) : (new AnalyticsStoreChoice(kind, path), errors);
    }

    /// <summary>
    /// Where a SQLite path points. Rooted: itself. Relative: an existing file found as knowledge/ is found (from the
    /// working directory up to the repository root, then beside the binaries); else a new one under the repository
    /// root when run from a clone, else under the working directory. `dotnet run` starts the bot in src/PolicyBot and
    /// the CLI wherever it is typed, and both must come to the same file.
    /// </summary>
    public static string SqliteFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Path.IsPathRooted(path))
        {
            return Path.GetFullPath(path);
        }

        var workingDirectory = Directory.GetCurrentDirectory();
        return Path.GetFullPath(PolicyBot.Core.ContentFolders.Find(path)
            ?? Path.Combine(PolicyBot.Core.ContentFolders.RepositoryRoot(workingDirectory) ?? workingDirectory, path));
    }
}
