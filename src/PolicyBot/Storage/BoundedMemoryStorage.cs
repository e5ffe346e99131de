using System.Globalization;
using System.Text;
using Microsoft.Bot.Builder;
using PolicyBot.Infrastructure;

namespace PolicyBot.Storage;

/// <summary>
/// The embedded conversation store (Storage:Provider = Memory). Unlike the SDK's MemoryStorage, which keeps every
/// conversation for ever behind one lock, it forgets: a conversation idle for the idle timeout is gone, and past the
/// cap the least recently used go first (<see cref="ForgettingMap{TValue}"/>); a forgotten conversation simply reads
/// as new. Items are kept as the JSON the Redis store writes (<see cref="StateJson"/>), serialised outside any
/// lock and held as UTF-8 (half the memory of a string; the state is ASCII ids). The ETag contract is Redis's: a stale ETag on an <see cref="IStoreItem"/> is refused ("Etag conflict"),
/// "*" or no ETag overwrites, every write gets a new ETag; the check and the write are one compare-and-swap.
/// </summary>
public sealed partial class BoundedMemoryStorage : IStorage, IDisposable
{
    private readonly ForgettingMap<StoredItem> _items;
    private long _lastETag;

    public BoundedMemoryStorage(TimeSpan idleTimeout, int maxConversations, TimeProvider time, ILogger<BoundedMemoryStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _items = new ForgettingMap<StoredItem>(idleTimeout, maxConversations, time)
        {
            Forgotten = (count, reason) => LogForgotten(logger, count, reason, Count, maxConversations, idleTimeout),
        };
    }

    public TimeSpan IdleTimeout => _items.IdleTimeout;

    public int MaxConversations => _items.MaxEntries;

    /// <summary>Items held now.</summary>
    public int Count => _items.Count;

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        var items = new Dictionary<string, object>(keys.Length, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            // Each read makes new objects, so a turn's changes never reach the store until written.
            if (_items.TryGet(CheckKey(key), out var stored) && StateJson.Deserialize(Encoding.UTF8.GetString(stored.Json)) is { } item)
            {
                items[key] = item;
            }
        }

        return Task.FromResult<IDictionary<string, object>>(items);
    }

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        cancellationToken.ThrowIfCancellationRequested();

        // One key at a time, in order, as MemoryStorage does: a conflict stops the writes after it.
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                _items.TryRemove(CheckKey(key));
                continue;
            }

            Write(CheckKey(key), value);
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var key in keys)
        {
            _items.TryRemove(CheckKey(key));
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _items.Dispose();

    private static string CheckKey(string key) => key ?? throw new ArgumentException("A storage key is null.", nameof(key));

    private void Write(string key, object value)
    {
        var storeItem = value as IStoreItem;
        var expected = storeItem?.ETag is { Length: > 0 } eTag && eTag != "*" ? eTag : null;
        var newETag = storeItem is null ? null : Interlocked.Increment(ref _lastETag).ToString(CultureInfo.InvariantCulture);
        var written = new StoredItem(Encoding.UTF8.GetBytes(StateJson.Serialize(value, newETag)), newETag);

        // Compare and swap: of two writers holding the same ETag exactly one replaces the item; the other sees the
        // new ETag on its next look and is refused.
        while (true)
        {
            if (!_items.TryGet(key, out var current))
            {
                if (_items.TryAdd(key, written))
                {
                    return;
                }

                continue;
            }

            if (expected is not null && current.ETag is not null && expected != current.ETag)
            {
                throw new ArgumentException($"Etag conflict.\r\n\r\nOriginal: {expected}\r\nCurrent: {current.ETag}");
            }

            if (_items.TryReplace(key, written, current))
            {
                return;
            }
        }
    }

    private sealed record StoredItem(byte[] Json, string? ETag);

    [LoggerMessage(Level = LogLevel.Information, Message = "Memory storage forgot {ForgottenCount} conversations ({Reason}); {ConversationCount} kept, at most {MaxConversations}, idle timeout {IdleTimeout}")]
    private static partial void LogForgotten(ILogger logger, int forgottenCount, string reason, int conversationCount, int maxConversations, TimeSpan idleTimeout);
}
