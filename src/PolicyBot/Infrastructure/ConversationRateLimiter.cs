using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PolicyBot.Options;

namespace PolicyBot.Infrastructure;

/// <summary>
/// A token bucket per conversation, from the rate limiting library ASP.NET Core's rate limiter is built on. It
/// runs inside the turn rather than as HTTP middleware because the conversation id is in the body, and because an
/// over-eager user should get a polite message in the chat, not a bare 429 their channel swallows.
/// </summary>
public sealed class ConversationRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public ConversationRateLimiter(IOptions<RateLimitingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(conversationId =>
            RateLimitPartition.GetTokenBucketLimiter(conversationId, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.BurstLimit,
                TokensPerPeriod = settings.MessagesPerPeriod,
                ReplenishmentPeriod = settings.ReplenishmentPeriod,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>True when the conversation may have this turn answered.</summary>
    public bool TryAcquire(string conversationId)
    {
        using var lease = _limiter.AttemptAcquire(conversationId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
