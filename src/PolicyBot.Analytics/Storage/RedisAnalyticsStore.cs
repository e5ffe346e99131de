using System.Globalization;
using StackExchange.Redis;

namespace PolicyBot.Analytics.Storage;

/// <summary>
/// Events of every instance in one Redis stream (KeyPrefix + "analytics:events"), on the Redis that holds the
/// conversation state, so one report covers them all. Entries get Redis's own ids (its clock, in milliseconds), and
/// retention trims by that id (XTRIM MINID): no sorted set or index to keep.
/// </summary>
public sealed class RedisAnalyticsStore : IAnalyticsStore
{
    private const int PageSize = 1_000;
    private static readonly RedisValue AnswerKind = "a";
    private static readonly RedisValue FeedbackKind = "f";

    private readonly Func<CancellationToken, Task<IDatabase>> _database;
    private readonly RedisKey _stream;
    private readonly RedisKey _hashKey;

    /// <param name="database">The Redis database, from the host's shared connection or the CLI's own.</param>
    /// <param name="keyPrefix">Storage:Redis:KeyPrefix, so one Redis can serve several bots.</param>
    public RedisAnalyticsStore(Func<CancellationToken, Task<IDatabase>> database, string keyPrefix)
    {
        _database = database;
        StreamKey = (keyPrefix ?? string.Empty) + "analytics:events";
        _stream = StreamKey;
        _hashKey = (keyPrefix ?? string.Empty) + "analytics:conversation-hash-key";
    }

    public string StreamKey { get; }

    public string Description => "Redis stream " + StreamKey;

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<byte[]> GetOrCreateHashKeyAsync(CancellationToken cancellationToken)
    {
        var db = await _database(cancellationToken);
        await db.StringSetAsync(_hashKey, ConversationHasher.NewKey(), when: When.NotExists);
        return (byte[])(await db.StringGetAsync(_hashKey))!;
    }

    public async Task AppendAsync(AnalyticsLog batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return;
        }

        var db = await _database(cancellationToken);
        var pipeline = db.CreateBatch();
        var writes = batch.Answers.Select(a => pipeline.StreamAddAsync(_stream, Fields(a)))
            .Concat(batch.Feedback.Select(f => pipeline.StreamAddAsync(_stream, Fields(f))))
            .ToList();
        pipeline.Execute();
        await Task.WhenAll(writes);
    }

    public async Task<AnalyticsLog> ReadAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var db = await _database(cancellationToken);
        var answers = new List<AnswerEvent>();
        var feedback = new List<FeedbackEntry>();

        // Ids are the time Redis received the entry, a little after the event's own: start a minute early, then filter.
        RedisValue start = Math.Max(0, since.ToUnixTimeMilliseconds() - 60_000).ToString(CultureInfo.InvariantCulture);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await db.StreamRangeAsync(_stream, start, "+", PageSize);
            foreach (var entry in page)
            {
                Read(entry, since, answers, feedback);
            }

            if (page.Length < PageSize)
            {
                break;
            }

            start = "(" + page[^1].Id;
        }

        return new AnalyticsLog(
            [.. answers.OrderBy(a => a.Time)],
            [.. feedback.OrderBy(f => f.Time)]);
    }

    public async Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var db = await _database(cancellationToken);
        var minId = cutoff.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        // Exact trimming (no "~"): the retention promise is a date, and this runs once an hour.
        var trimmed = await db.ExecuteAsync("XTRIM", _stream, "MINID", minId);
        return (long)trimmed;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static NameValueEntry[] Fields(AnswerEvent a)
    {
        var fields = new List<NameValueEntry>(13)
        {
            new("k", AnswerKind),
            new("t", a.Time.ToUnixTimeMilliseconds()),
            new("ch", a.Channel),
            new("lang", a.Language),
            new("in", a.Input),
            new("out", a.Outcome),
            new("conv", a.ConversationHash),
            new("cv", a.ContentVersion),
        };
        AddIfAny(fields, "node", a.NodeId);
        AddIfAny(fields, "topic", a.TopicId);
        AddIfAny(fields, "path", a.Path);
        AddIfAny(fields, "q", a.Question);
        if (a.Score is { } score)
        {
            fields.Add(new("score", score));
        }

        return [.. fields];
    }

    private static NameValueEntry[] Fields(FeedbackEntry f)
    {
        var fields = new List<NameValueEntry>(11)
        {
            new("k", FeedbackKind),
            new("t", f.Time.ToUnixTimeMilliseconds()),
            new("ch", f.Channel),
            new("lang", f.Language),
            new("node", f.NodeId),
            new("rating", f.Rating),
            new("conv", f.ConversationHash),
            new("cv", f.ContentVersion),
        };
        AddIfAny(fields, "topic", f.TopicId);
        AddIfAny(fields, "q", f.Question);
        AddIfAny(fields, "comment", f.Comment);
        return [.. fields];
    }

    private static void AddIfAny(List<NameValueEntry> fields, string name, string? value)
    {
        if (value is not null)
        {
            fields.Add(new(name, value));
        }
    }

    /// <summary>One entry back into its event; an entry this version cannot read (another writer's) is skipped.</summary>
    private static void Read(StreamEntry entry, DateTimeOffset since, List<AnswerEvent> answers, List<FeedbackEntry> feedback)
    {
        var values = entry.Values.ToDictionary(v => v.Name.ToString(), v => v.Value, StringComparer.Ordinal);
        string? Get(string name) => values.TryGetValue(name, out var value) && !value.IsNull ? value.ToString() : null;
        if (!long.TryParse(Get("t"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
        {
            return;
        }

        var time = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        if (time < since)
        {
            return;
        }

        var channel = Get("ch") ?? string.Empty;
        var language = Get("lang") ?? "en";
        var conversation = Get("conv") ?? string.Empty;
        var version = Get("cv") ?? string.Empty;
        if (Get("k") == AnswerKind && Get("out") is { } outcome)
        {
            answers.Add(new AnswerEvent(time, channel, language, Get("in") ?? Inputs.Text, outcome, conversation, version)
            {
                NodeId = Get("node"),
                TopicId = Get("topic"),
                Path = Get("path"),
                Question = Get("q"),
                Score = double.TryParse(Get("score"), NumberStyles.Float, CultureInfo.InvariantCulture, out var score) ? score : null,
            });
        }
        else if (Get("k") == FeedbackKind && Get("node") is { } node && Get("rating") is { } rating)
        {
            feedback.Add(new FeedbackEntry(time, channel, language, node, rating, conversation, version)
            {
                TopicId = Get("topic"),
                Question = Get("q"),
                Comment = Get("comment"),
            });
        }
    }
}
