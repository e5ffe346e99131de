namespace PolicyBot.Analytics;

/// <summary>
/// Where answer and feedback events are kept: a SQLite file (one instance) or a Redis stream (every instance). The
/// bot writes in batches from a background queue; the CLI's report reads. Failures throw: the writer retries.
/// </summary>
public interface IAnalyticsStore : IAsyncDisposable
{
    /// <summary>"SQLite /path/file.db" or "Redis stream policybot:analytics": for logs and the report's header.</summary>
    string Description { get; }

    /// <summary>Creates the schema (SQLite) if it is missing; safe to call again.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The deployment's conversation hash key: made once, then shared by every instance using the store.</summary>
    Task<byte[]> GetOrCreateHashKeyAsync(CancellationToken cancellationToken);

    Task AppendAsync(AnalyticsLog batch, CancellationToken cancellationToken);

    /// <summary>Every event at or after <paramref name="since"/>, oldest first.</summary>
    Task<AnalyticsLog> ReadAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Deletes the events older than <paramref name="cutoff"/> (retention); returns how many, where the store says.</summary>
    Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
