using Microsoft.Extensions.Logging;

namespace PolicyBot.Analytics.Recording;

/// <summary>
/// Drains the recorder's queue into the store, a batch at a time, on one background task. A store that fails is
/// retried with a growing pause (1 s to 30 s) while turns keep queuing; a warning says so at most once a minute, with
/// how many events wait and how many were dropped because the queue was full. Nothing here ever reaches a turn.
/// </summary>
public sealed partial class AnalyticsWriter
{
    internal static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);
    internal static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FinalFlushLimit = TimeSpan.FromSeconds(5);

    private readonly AnalyticsRecorder _recorder;
    private readonly IAnalyticsStore _store;
    private readonly Func<bool> _keepText;
    private readonly int _batchSize;
    private readonly TimeProvider _time;
    private readonly ILogger<AnalyticsWriter> _logger;
    private readonly TimeSpan _writeInterval;
    private AnalyticsEventFactory? _factory;
    private DateTimeOffset? _lastWarning;
    private StoreFailure? _failure;
    private long _written;

    /// <param name="writeInterval">How long to gather events after a write that was not a full batch (zero: write at once).</param>
    public AnalyticsWriter(AnalyticsRecorder recorder, IAnalyticsStore store, Func<bool> keepText, int batchSize, TimeProvider time, ILogger<AnalyticsWriter> logger, TimeSpan writeInterval = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _recorder = recorder;
        _store = store;
        _keepText = keepText;
        _batchSize = batchSize;
        _time = time;
        _logger = logger;
        _writeInterval = writeInterval;
    }

    /// <summary>Events written so far (answers and feedback).</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>
    /// Why the store is failing and since when, or null. One object, replaced whole by the writer's thread, so a
    /// reader on another (the health check) sees a reason and a time that belong together.
    /// </summary>
    public StoreFailure? Failure => Volatile.Read(ref _failure);

    /// <summary>Why the store is failing now, or null.</summary>
    public string? Problem => Failure?.Reason;

    /// <summary>Where events go ("SQLite file …", "Redis stream …").</summary>
    public string StoreDescription => _store.Description;

    /// <summary>Writes until <paramref name="stoppingToken"/> fires, then makes one last bounded attempt at what is queued.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RetryAsync(EnsureReadyAsync, stoppingToken);
            var reader = _recorder.Reader;
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await WriteAsync(TakeBatch(), stoppingToken);
                if (_writeInterval > TimeSpan.Zero && reader.Count < _batchSize)
                {
                    // Gather the next events rather than commit one transaction per turn.
                    await Task.Delay(_writeInterval, _time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The stopping token has fired; the last flush has its own bound.
            await FlushOnceAsync(CancellationToken.None);
        }
    }

    /// <summary>Everything queued now, in as many batches as it takes, each tried once (for shutdown and tests).</summary>
    public async Task FlushOnceAsync(CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(FinalFlushLimit);
        try
        {
            await EnsureReadyAsync(limit.Token);
            while (_recorder.Reader.Count > 0)
            {
                await WriteAsync(TakeBatch(), limit.Token);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogFinalFlushFailed(_store.Description, _recorder.Pending, ex.Message);
        }
    }

    private async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_factory is not null)
        {
            return;
        }

        await _store.InitializeAsync(cancellationToken);
        var key = await _store.GetOrCreateHashKeyAsync(cancellationToken);
        _factory = new AnalyticsEventFactory(new ConversationHasher(key), _keepText);
        LogReady(_store.Description);
    }

    private List<TurnObservation> TakeBatch()
    {
        var batch = new List<TurnObservation>(Math.Min(_batchSize, Math.Max(1, _recorder.Reader.Count)));
        while (batch.Count < _batchSize && _recorder.Reader.TryRead(out var observation))
        {
            batch.Add(observation);
        }

        return batch;
    }

    private async Task WriteAsync(List<TurnObservation> batch, CancellationToken cancellationToken)
    {
        var factory = _factory ?? throw new InvalidOperationException("The analytics store is not ready.");
        var answers = new List<AnswerEvent>(batch.Count);
        var feedback = new List<FeedbackEntry>();
        foreach (var observation in batch)
        {
            factory.Add(observation, answers, feedback);
        }

        // Converted once: a retry writes the same events.
        var log = new AnalyticsLog(answers, feedback);
        await RetryAsync(ct => _store.AppendAsync(log, ct), cancellationToken);
        Interlocked.Add(ref _written, log.Count);
    }

    private async Task RetryAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        var pause = FirstRetry;
        while (true)
        {
            try
            {
                await operation(cancellationToken);
                if (_failure is { } failure)
                {
                    LogRecovered(_store.Description, _time.GetUtcNow() - failure.Since, _recorder.Pending, _recorder.TakeDropped());
                    Volatile.Write(ref _failure, null);
                    _lastWarning = null;
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                var now = _time.GetUtcNow();
                Volatile.Write(ref _failure, new StoreFailure(ex.Message, _failure?.Since ?? now));
                if (_lastWarning is not { } last || now - last >= WarningInterval)
                {
                    _lastWarning = now;
                    LogStoreFailing(_store.Description, ex.GetType().Name, ex.Message, _recorder.Pending, _recorder.TakeDropped(), pause);
                }

                await Task.Delay(pause, _time, cancellationToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestRetry.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Analytics: writing answer and feedback events to {Store}")]
    private partial void LogReady(string store);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics: {Store} is failing ({ErrorType}: {Reason}); answers go on. {Pending} turn(s) wait in memory, {Dropped} dropped since the last warning because the queue was full; next try in {Pause}")]
    private partial void LogStoreFailing(string store, string errorType, string reason, int pending, long dropped, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analytics: {Store} is back after {Outage}; {Pending} turn(s) waiting are being written, {Dropped} were dropped since the last warning")]
    private partial void LogRecovered(string store, TimeSpan outage, int pending, long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics: on shutdown {Store} could not take the last events ({Reason}); {Pending} turn(s) not written")]
    private partial void LogFinalFlushFailed(string store, int pending, string reason);
}

/// <summary>Why the analytics store fails, and since when it has been failing.</summary>
public sealed record StoreFailure(string Reason, DateTimeOffset Since);
