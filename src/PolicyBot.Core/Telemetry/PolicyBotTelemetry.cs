using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PolicyBot.Core.Telemetry;

/// <summary>
/// PolicyBot's own traces and metrics, in one place: the names an exporter subscribes to, and every instrument.
/// Only System.Diagnostics types, so the core stays free of any telemetry SDK; the host (OpenTelemetry) exports
/// them. Tags carry ids and outcomes, never what a user typed.
/// </summary>
public sealed class PolicyBotTelemetry : IDisposable
{
    /// <summary>The meter every PolicyBot instrument belongs to.</summary>
    public const string MeterName = "PolicyBot";

    /// <summary>The activity source of the per-turn span.</summary>
    public const string ActivitySourceName = "PolicyBot";

    /// <summary>The span that covers one turn.</summary>
    public const string TurnActivityName = "policybot.turn";

    // Tag names, shared by spans and metrics.
    public const string ChannelTag = "policybot.channel";
    public const string OutcomeTag = "policybot.outcome";
    public const string LanguageTag = "policybot.language";
    public const string PathTag = "policybot.path";
    public const string NodeTag = "policybot.node";
    public const string TopicTag = "policybot.topic";
    public const string ScoreTag = "policybot.score";

    /// <summary>Until French lands every turn is English; until the meaning stage lands every match is by keywords.</summary>
    public const string DefaultLanguage = "en";
    public const string KeywordsPath = "keywords";

    private readonly Meter _meter;
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _keywordMatching;
    private readonly Histogram<double> _meaningMatching;
    private readonly Histogram<long> _cardSize;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _storageFailures;
    private readonly Counter<long> _knowledgeReloads;
    private readonly Counter<long> _feedback;

    public PolicyBotTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var version = typeof(PolicyBotTelemetry).Assembly.GetName().Version?.ToString(3);
        _meter = meterFactory.Create(MeterName, version);
        ActivitySource = new ActivitySource(ActivitySourceName, version);
        _turns = _meter.CreateCounter<long>("policybot.turns", "{turn}", "Turns answered, by channel, outcome, language and matching path");
        _keywordMatching = _meter.CreateHistogram<double>("policybot.matching.keywords.duration", "ms", "Time the keyword matcher took for one question");
        _meaningMatching = _meter.CreateHistogram<double>("policybot.matching.meaning.duration", "ms", "Time the meaning-based matching stage took for one question");
        _cardSize = _meter.CreateHistogram<long>("policybot.card.size", "By", "Size of each Adaptive Card sent (UTF-8 JSON)");
        _errors = _meter.CreateCounter<long>("policybot.errors", "{error}", "Turns that failed, by kind");
        _rateLimited = _meter.CreateCounter<long>("policybot.turns.rate_limited", "{turn}", "Messages not answered because their conversation was over its rate limit");
        _storageFailures = _meter.CreateCounter<long>("policybot.storage.failures", "{failure}", "Turns that could not read or write conversation state");
        _knowledgeReloads = _meter.CreateCounter<long>("policybot.knowledge.reloads", "{reload}", "Knowledge reloads, by outcome (loaded or refused)");
        _feedback = _meter.CreateCounter<long>("policybot.feedback", "{click}", "Feedback clicks on answer cards");
    }

    public ActivitySource ActivitySource { get; }

    /// <summary>Starts the span of one turn (a child of the incoming request's span), or null when nobody listens.</summary>
    public Activity? StartTurn(string? channel)
    {
        var activity = ActivitySource.StartActivity(TurnActivityName, ActivityKind.Internal);
        activity?.SetTag(ChannelTag, channel ?? "unknown");
        return activity;
    }

    /// <summary>One answered turn: counted, and described on its span.</summary>
    public void RecordTurn(Activity? turn, string? channel, string outcome, string? node, string? language, string? path)
    {
        language ??= DefaultLanguage;
        path ??= KeywordsPath;
        _turns.Add(
            1,
            new KeyValuePair<string, object?>(ChannelTag, channel ?? "unknown"),
            new KeyValuePair<string, object?>(OutcomeTag, outcome),
            new KeyValuePair<string, object?>(LanguageTag, language),
            new KeyValuePair<string, object?>(PathTag, path));
        turn?.SetTag(OutcomeTag, outcome)
            .SetTag(NodeTag, node)
            .SetTag(LanguageTag, language)
            .SetTag(PathTag, path);
    }

    public void RecordKeywordMatching(TimeSpan elapsed) => _keywordMatching.Record(elapsed.TotalMilliseconds);

    /// <summary>For the meaning-based stage: how long it took to match one question.</summary>
    public void RecordMeaningMatching(TimeSpan elapsed) => _meaningMatching.Record(elapsed.TotalMilliseconds);

    public void RecordCardSize(long bytes, string? channel) =>
        _cardSize.Record(bytes, new KeyValuePair<string, object?>(ChannelTag, channel ?? "unknown"));

    public void RecordError(string kind, string? channel) =>
        _errors.Add(1, new KeyValuePair<string, object?>("policybot.error", kind), new KeyValuePair<string, object?>(ChannelTag, channel ?? "unknown"));

    public void RecordRateLimited(string? channel) =>
        _rateLimited.Add(1, new KeyValuePair<string, object?>(ChannelTag, channel ?? "unknown"));

    public void RecordStorageFailure() => _storageFailures.Add(1);

    public void RecordKnowledgeReload(bool loaded) =>
        _knowledgeReloads.Add(1, new KeyValuePair<string, object?>(OutcomeTag, loaded ? "loaded" : "refused"));

    public void RecordFeedback(string? rating, string? topic) =>
        _feedback.Add(1, new KeyValuePair<string, object?>("rating", rating), new KeyValuePair<string, object?>("topic", topic));

    public void Dispose()
    {
        ActivitySource.Dispose();
        _meter.Dispose();
    }
}
