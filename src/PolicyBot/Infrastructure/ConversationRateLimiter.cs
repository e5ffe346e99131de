using Microsoft.Extensions.Options;
using PolicyBot.Options;

namespace PolicyBot.Infrastructure;

/// <summary>
/// A token bucket per conversation. It runs inside the turn rather than as HTTP middleware because the
/// conversation id is in the body, and because an over-eager user should get a polite message in the chat, not a
/// bare 429 their channel swallows. The buckets are bounded: a bucket unused long enough to have refilled is the same
/// as a new one and is forgotten, and at most RateLimiting:MaxConversations are kept (past that the least recently
/// used go first, which at worst hands a flooding conversation a fresh bucket). Refilling is computed on use, so a
/// bucket needs no timer of its own (the library's partitioned limiter gave every bucket one, and scanned them all
/// ten times a second behind one lock).
/// </summary>
public sealed class ConversationRateLimiter : IDisposable
{
    private readonly RateLimitingOptions _settings;
    private readonly TimeProvider _time;
    private readonly ForgettingMap<TokenBucket> _buckets;

    public ConversationRateLimiter(IOptions<RateLimitingOptions> options, TimeProvider time)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value, time)
    {
    }

    /// <param name="settings">The limits, for a limiter of named settings (<see cref="SearchRateLimiter"/>).</param>
    internal ConversationRateLimiter(RateLimitingOptions settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _time = time;
        _buckets = new ForgettingMap<TokenBucket>(TimeToRefill(_settings), _settings.MaxConversations, time);
    }

    /// <summary>Conversations with a bucket now.</summary>
    public int TrackedConversations => _buckets.Count;

    /// <summary>True when the conversation may have this turn answered.</summary>
    public bool TryAcquire(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var bucket = _buckets.GetOrAdd(conversationId, _ => new TokenBucket(_settings.BurstLimit, _time.GetTimestamp()));
        return bucket.TryTake(_time.GetTimestamp(), _time, _settings);
    }

    public void Dispose() => _buckets.Dispose();

    /// <summary>How long an emptied bucket takes to fill again: after that it is no different from a new one.</summary>
    internal static TimeSpan TimeToRefill(RateLimitingOptions settings)
    {
        var periods = (settings.BurstLimit + settings.MessagesPerPeriod - 1) / settings.MessagesPerPeriod;
        return settings.ReplenishmentPeriod * periods;
    }

    private sealed class TokenBucket(int tokens, long refilledAt)
    {
        private readonly Lock _gate = new();
        private int _tokens = tokens;
        private long _refilledAt = refilledAt;

        public bool TryTake(long now, TimeProvider time, RateLimitingOptions settings)
        {
            // Only this conversation's turns meet here.
            lock (_gate)
            {
                var periods = (long)(time.GetElapsedTime(_refilledAt, now) / settings.ReplenishmentPeriod);
                if (periods > 0)
                {
                    _tokens = (int)Math.Min(settings.BurstLimit, _tokens + (periods * settings.MessagesPerPeriod));

                    // Whole periods only, so a part-period already waited is not lost.
                    _refilledAt += (long)(periods * settings.ReplenishmentPeriod.TotalSeconds * time.TimestampFrequency);
                }

                if (_tokens == 0)
                {
                    return false;
                }

                _tokens--;
                return true;
            }
        }
    }
}
