using Microsoft.Data.Sqlite;
using PolicyBot.Analytics.Storage;

namespace PolicyBot.Analytics.Tests;

/// <summary>The embedded store against a real SQLite file in a temporary folder.</summary>
public sealed class SqliteAnalyticsStoreTests : IAsyncLifetime, IDisposable
{
    private readonly string _path = TestEvents.TempDatabase();
    private SqliteAnalyticsStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteAnalyticsStore(_path);
        await _store.InitializeAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Events_written_are_read_back_field_for_field_oldest_first()
    {
        var answer = TestEvents.Answer(TestEvents.Monday.AddMinutes(5), Outcomes.Answer, "protection-of-civilians.scope", channel: "webchat");
        var fallback = TestEvents.Answer(TestEvents.Monday, Outcomes.Fallback, question: "what about [email]?", language: "fr") with { Input = Inputs.Text };
        var rating = TestEvents.Rating(TestEvents.Monday.AddMinutes(6), "protection-of-civilians.scope", Ratings.Down, question: "who is covered");
        var note = TestEvents.Rating(TestEvents.Monday.AddMinutes(7), "protection-of-civilians.scope", Ratings.Comment, comment: "the dates");

        await _store.AppendAsync(new AnalyticsLog([answer, fallback], [rating, note]), CancellationToken.None);
        var log = await _store.ReadAsync(TestEvents.Monday.AddDays(-1), CancellationToken.None);

        Assert.Equal([fallback, answer], log.Answers);
        Assert.Equal([rating, note], log.Feedback);
    }

    [Fact]
    public async Task Reading_since_a_time_leaves_out_what_is_older()
    {
        await _store.AppendAsync(new AnalyticsLog(
            [TestEvents.Answer(TestEvents.Monday, Outcomes.Answer, "human-security"), TestEvents.Answer(TestEvents.Monday.AddDays(2), Outcomes.Fallback)],
            [TestEvents.Rating(TestEvents.Monday, "human-security", Ratings.Up)]), CancellationToken.None);

        var log = await _store.ReadAsync(TestEvents.Monday.AddDays(1), CancellationToken.None);

        Assert.Equal(Outcomes.Fallback, Assert.Single(log.Answers).Outcome);
        Assert.Empty(log.Feedback);
    }

    [Fact]
    public async Task Retention_deletes_the_events_older_than_the_cutoff_and_keeps_the_rest()
    {
        var now = TestEvents.Monday.AddDays(40);
        await _store.AppendAsync(new AnalyticsLog(
            [TestEvents.Answer(TestEvents.Monday, Outcomes.Answer, "human-security"), TestEvents.Answer(now.AddDays(-29), Outcomes.Fallback), TestEvents.Answer(now, Outcomes.Answer, "human-security")],
            [TestEvents.Rating(TestEvents.Monday, "human-security", Ratings.Down), TestEvents.Rating(now.AddHours(-1), "human-security", Ratings.Up)]), CancellationToken.None);

        var deleted = await _store.DeleteOlderThanAsync(now.AddDays(-30), CancellationToken.None);
        var log = await _store.ReadAsync(DateTimeOffset.UnixEpoch, CancellationToken.None);

        Assert.Equal(2, deleted);
        Assert.Equal(2, log.Answers.Count);
        Assert.All(log.Answers, a => Assert.True(a.Time >= now.AddDays(-30)));
        Assert.Equal(Ratings.Up, Assert.Single(log.Feedback).Rating);
    }

    [Fact]
    public async Task The_file_is_in_WAL_mode_with_its_schema_and_its_hash_key_is_made_once()
    {
        var first = await _store.GetOrCreateHashKeyAsync(CancellationToken.None);
        await using var again = new SqliteAnalyticsStore(_path);
        await again.InitializeAsync(CancellationToken.None);
        var second = await again.GetOrCreateHashKeyAsync(CancellationToken.None);

        Assert.Equal(ConversationHasher.KeyBytes, first.Length);
        Assert.Equal(first, second);
        await using var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_missing_folder_is_created()
    {
        var folder = Path.Combine(Path.GetTempPath(), "policybot-tests", Guid.NewGuid().ToString("N"), "nested");
        await using var store = new SqliteAnalyticsStore(Path.Combine(folder, "a.db"));

        await store.InitializeAsync(CancellationToken.None);
        await store.AppendAsync(new AnalyticsLog([TestEvents.Answer(TestEvents.Monday, Outcomes.Fallback)], []), CancellationToken.None);

        Assert.Single((await store.ReadAsync(DateTimeOffset.UnixEpoch, CancellationToken.None)).Answers);
        await store.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
    }
}
