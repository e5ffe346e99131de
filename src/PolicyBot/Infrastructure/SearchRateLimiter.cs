using Microsoft.Extensions.Options;
using PolicyBot.Options;

namespace PolicyBot.Infrastructure;

/// <summary>
/// A token bucket per user for the message extension's searches (RateLimiting:Search). Teams searches as the user
/// types, so a search is not a message: it gets a larger bucket of its own, and is counted per user, since a search
/// box belongs to no one conversation.
/// </summary>
public sealed class SearchRateLimiter : IDisposable
{
    private readonly ConversationRateLimiter _buckets;

    public SearchRateLimiter(IOptionsMonitor<RateLimitingOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _buckets = new ConversationRateLimiter(options.Get(RateLimitingOptions.SearchName), time);
    }

    /// <summary>True when <paramref name="userId"/> may have this search answered.</summary>
    public bool TryAcquire(string userId) => _buckets.TryAcquire(userId);

    public void Dispose() => _buckets.Dispose();
}
