using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using PolicyBot.Analytics.Recording;
using PolicyBot.Analytics.Storage;
using PolicyBot.Core;
using PolicyBot.Core.Dialog;

namespace PolicyBot.Analytics.Tests;

/// <summary>The recorder's queue and the background writer over a real SQLite file that can be made to fail.</summary>
public sealed class AnalyticsWriterTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _path = TestEvents.TempDatabase();
    private readonly FakeTimeProvider _time = new(TestEvents.Monday);
    private readonly FakeLogger<AnalyticsWriter> _logger = new();
    private FailingStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new FailingStore(new SqliteAnalyticsStore(_path));
        return Task.CompletedTask;
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

    private static TurnObservation Fallback(int i) =>
        new(TestEvents.Monday.AddSeconds(i), "webchat", $"conversation-{i}", UserInput.FromText($"unanswered question {i}"), [new TurnEvent(ReplyKind.Fallback, UserInputKind.Text, "v1")]);

    [Fact]
    public async Task Queued_turns_are_written_in_batches_and_read_back()
    {
        var recorder = new AnalyticsRecorder(100);
        var writer = new AnalyticsWriter(recorder, _store, () => true, batchSize: 4, _time, _logger);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(recorder.Record(Fallback(i)));
        }

        using var stop = new CancellationTokenSource();
        var running = writer.RunAsync(stop.Token);

        await WaitUntilAsync(() => writer.Written == 10);
        await stop.CancelAsync();
        await running;

        var log = await _store.ReadAsync(DateTimeOffset.UnixEpoch, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"unanswered question {i}"), log.Answers.Select(a => a.Question));
        Assert.Equal(3, _store.Batches);
    }

    [Fact]
    public async Task After_a_write_that_was_not_a_full_batch_the_writer_gathers_events_for_the_write_interval()
    {
        var recorder = new AnalyticsRecorder(100);
        var writer = new AnalyticsWriter(recorder, _store, () => true, batchSize: 50, _time, _logger, writeInterval: TimeSpan.FromSeconds(1));
        using var stop = new CancellationTokenSource();
        var running = writer.RunAsync(stop.Token);

        Assert.True(recorder.Record(Fallback(0)));
        await WaitUntilAsync(() => writer.Written == 1);
        for (var i = 1; i < 6; i++)
        {
            Assert.True(recorder.Record(Fallback(i)));
        }

        // The clock has not moved: the five wait together for one transaction.
        await Task.Delay(300);
        Assert.Equal(1, writer.Written);
        _time.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => writer.Written == 6);
        Assert.Equal(2, _store.Batches);

        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_store_that_fails_loses_nothing_queued_warns_once_a_minute_and_drops_only_what_overflows_the_queue()
    {
        var recorder = new AnalyticsRecorder(5);
        var writer = new AnalyticsWriter(recorder, _store, () => true, batchSize: 2, _time, _logger);
        await _store.InitializeAsync(CancellationToken.None);
        _store.Failing = true;
        using var stop = new CancellationTokenSource();
        var running = writer.RunAsync(stop.Token);

        // The writer is stuck on its first try; the queue takes 5 more, the rest are dropped, and no turn waits.
        var accepted = Enumerable.Range(0, 12).Count(i => recorder.Record(Fallback(i)));
        await WaitUntilAsync(() => _store.Attempts >= 1);

        // Tries after 1, 2, 4, 8 and 16 s of the fake clock: one warning within the minute, the next after it.
        await AdvanceUntilAsync(() => _store.Attempts >= 6);
        Assert.Equal(1, Warnings());
        Assert.Contains("Bad disk", writer.Problem, StringComparison.Ordinal);
        await AdvanceUntilAsync(() => _store.Attempts >= 7);
        Assert.Equal(2, Warnings());

        _store.Failing = false;
        await AdvanceUntilAsync(() => recorder.Pending == 0 && writer.Written == accepted);
        await stop.CancelAsync();
        await running;

        var log = await _store.ReadAsync(DateTimeOffset.UnixEpoch, CancellationToken.None);
        Assert.Equal(accepted, log.Answers.Count);
        Assert.InRange(accepted, 5, 7);
        Assert.Equal(12 - accepted, 12 - log.Answers.Count);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Information && r.Message.Contains("is back", StringComparison.Ordinal));
        Assert.Null(writer.Problem);
    }

    [Fact]
    public async Task On_shutdown_what_is_queued_is_written_once_more()
    {
        var recorder = new AnalyticsRecorder(100);
        var writer = new AnalyticsWriter(recorder, _store, () => true, batchSize: 3, _time, _logger);
        recorder.Record(Fallback(1));
        recorder.Record(Fallback(2));
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();

        await writer.RunAsync(stopped.Token);

        Assert.Equal(2, (await _store.ReadAsync(DateTimeOffset.UnixEpoch, CancellationToken.None)).Answers.Count);
    }

    [Fact]
    public void With_analytics_off_nothing_is_queued_or_counted()
    {
        var recorder = new AnalyticsRecorder(10, enabled: false);

        Assert.False(recorder.Record(Fallback(1)));
        Assert.Equal(0, recorder.Pending);
        Assert.Equal(0, recorder.Dropped);
    }

    private int Warnings() => _logger.Collector.GetSnapshot().Count(r => r.Level == LogLevel.Warning);

    /// <summary>Moves the fake clock a second at a time, letting the writer run between steps, until the condition holds.</summary>
    private async Task AdvanceUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the writer did not get there in time");
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the writer did not get there in time");
            await Task.Delay(10);
        }
    }

    /// <summary>The real store, made to fail its writes on demand (an outage), counting tries and batches.</summary>
    private sealed class FailingStore(IAnalyticsStore inner) : IAnalyticsStore
    {
        private int _attempts;

        public volatile bool Failing;

        public int Attempts => Volatile.Read(ref _attempts);

        public int Batches { get; private set; }

        public string Description => inner.Description;

        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public Task<byte[]> GetOrCreateHashKeyAsync(CancellationToken cancellationToken) => inner.GetOrCreateHashKeyAsync(cancellationToken);

        public async Task AppendAsync(AnalyticsLog batch, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            if (Failing)
            {
                throw new IOException("Bad disk");
            }

            await inner.AppendAsync(batch, cancellationToken);
            Batches++;
        }

        public Task<AnalyticsLog> ReadAsync(DateTimeOffset since, CancellationToken cancellationToken) => inner.ReadAsync(since, cancellationToken);

        public Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => inner.DeleteOlderThanAsync(cutoff, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
