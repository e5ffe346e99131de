using Microsoft.Bot.Builder;
using PolicyBot.Infrastructure;
using PolicyBot.Options;
using StackExchange.Redis;

namespace PolicyBot.Storage;

/// <summary>
/// The Bot Framework's <see cref="IStorage"/> over Redis, so every instance behind a load balancer sees the same
/// conversation state. It keeps MemoryStorage's contract: missing keys are left out of a read; an
/// <see cref="IStoreItem"/> written with a stale ETag is refused (ArgumentException "Etag conflict"), with "*" or
/// no ETag it overwrites, and every write gets a new ETag. Each item is a hash (etag, doc) under
/// KeyPrefix + key, written by one Lua script so the ETag check and the write are one atomic step.
/// </summary>
public sealed class RedisStorage : IStorage
{
    private const string CompareAndSetScript = """
        local expected = ARGV[1]
        if expected ~= '' then
          local current = redis.call('HGET', KEYS[1], 'etag')
          if current and current ~= expected then
            return {0, current}
          end
        end
        redis.call('HSET', KEYS[1], 'etag', ARGV[2], 'doc', ARGV[3])
        local ttl = tonumber(ARGV[4])
        if ttl > 0 then
          redis.call('PEXPIRE', KEYS[1], ttl)
        else
          redis.call('PERSIST', KEYS[1])
        end
        return {1}
        """;

    private static readonly RedisValue DocField = "doc";
    private static readonly string[] UnavailableServerErrors = ["LOADING", "READONLY", "MASTERDOWN", "BUSY", "TRYAGAIN", "CLUSTERDOWN"];

    private readonly RedisConnection _connection;
    private readonly string _keyPrefix;
    private readonly long _expiryMilliseconds;

    /// <param name="expiry">How long a key lives after its last write (<see cref="StorageOptions.RedisExpiry"/>); zero = for ever.</param>
    internal RedisStorage(RedisConnection connection, RedisStorageOptions options, TimeSpan expiry)
    {
        _connection = connection;
        _keyPrefix = options.KeyPrefix ?? string.Empty;
        _expiryMilliseconds = (long)expiry.TotalMilliseconds;
    }

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var items = new Dictionary<string, object>(keys.Length, StringComparer.Ordinal);
        var unique = keys.Distinct(StringComparer.Ordinal).ToArray();
        if (unique.Length == 0)
        {
            return items;
        }

        var docs = await RunAsync(db => Task.WhenAll(unique.Select(key => db.HashGetAsync(RedisKeyOf(key), DocField))), "read", cancellationToken);
        for (var i = 0; i < unique.Length; i++)
        {
            if (!docs[i].IsNull && StateJson.Deserialize(docs[i].ToString()) is { } item)
            {
                items[unique[i]] = item;
            }
        }

        return items;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);

        // One key at a time, in order, as MemoryStorage does: a conflict stops the writes after it.
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                await RunAsync(db => db.KeyDeleteAsync(RedisKeyOf(key)), "write", cancellationToken);
                continue;
            }

            var storeItem = value as IStoreItem;
            var expected = storeItem?.ETag is { Length: > 0 } eTag && eTag != "*" ? eTag : string.Empty;
            var newETag = Guid.NewGuid().ToString("N");
            var json = StateJson.Serialize(value, storeItem is null ? null : newETag);
            var outcome = await RunAsync(
                db => db.ScriptEvaluateAsync(CompareAndSetScript, [RedisKeyOf(key)], [expected, newETag, json, _expiryMilliseconds]),
                "write",
                cancellationToken);

            var result = (RedisResult[])outcome!;
            if ((int)result[0] == 0)
            {
                throw new ArgumentException($"Etag conflict.\r\n\r\nOriginal: {expected}\r\nCurrent: {result[1]}");
            }
        }
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length > 0)
        {
            await RunAsync(db => db.KeyDeleteAsync(keys.Select(RedisKeyOf).ToArray()), "delete", cancellationToken);
        }
    }

    internal RedisKey RedisKeyOf(string key) => _keyPrefix + (key ?? throw new ArgumentException("A storage key is null.", nameof(key)));

    private static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or TimeoutException or ObjectDisposedException => true,
        RedisServerException server => UnavailableServerErrors.Any(code => server.Message.StartsWith(code, StringComparison.Ordinal)),
        _ => false,
    };

    private async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> operation, string action, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var database = await _connection.GetDatabaseAsync(cancellationToken);
            var result = await operation(database).WaitAsync(cancellationToken);
            _connection.ReportSuccess();
            return result;
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            _ = _connection.ReportFailureAsync(ex);
            throw new StorageUnavailableException($"Redis storage ({_connection.Endpoints}) could not {action}: {ex.Message}", ex);
        }
    }
}
