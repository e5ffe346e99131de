using System.ComponentModel.DataAnnotations;

namespace PolicyBot.Options;

/// <summary>Per-conversation message limits (configuration section "RateLimiting"): a token bucket per conversation.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>The named settings of the message extension's searches, per user (section "RateLimiting:Search").</summary>
    public const string SearchName = "Search";

    public const string SearchSectionName = SectionName + ":" + SearchName;

    /// <summary>Messages a conversation may send in a burst.</summary>
    [Range(1, 10_000)]
    public int BurstLimit { get; set; } = 20;

    /// <summary>Messages added back to the bucket every <see cref="ReplenishmentPeriod"/>.</summary>
    [Range(1, 10_000)]
    public int MessagesPerPeriod { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Conversations whose buckets are kept at most (the least recently used go first). A bucket is forgotten anyway
    /// once it has refilled, so only conversations active within the last refill time count.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxConversations { get; set; } = 100_000;
}
