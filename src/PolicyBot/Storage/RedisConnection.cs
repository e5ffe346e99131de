using System.Globalization;
using PolicyBot.Options;
using StackExchange.Redis;

namespace PolicyBot.Storage;

/// <summary>
/// This instance's one connection to Redis. It never fails start-up: while Redis is away the multiplexer keeps
/// retrying by itself, and when every operation has failed for <see cref="RedisStorageOptions.ReconnectAfter"/> it
/// is replaced by a new one, so a multiplexer that will never recover is not kept for ever.
/// </summary>
internal sealed partial class RedisConnection : IAsyncDisposable
{
    private readonly RedisStorageOptions _options;
    private readonly Func<ConfigurationOptions, Task<IConnectionMultiplexer>> _connect;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisConnection> _logger;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly Lock _stateLock = new();
    private IConnectionMultiplexer? _multiplexer;
    private DateTimeOffset _connectedAt;
    private DateTimeOffset? _failingSince;
    private string? _lastFailure;
    private bool _disposed;

    public RedisConnection(RedisStorageOptions options, TimeProvider time, ILogger<RedisConnection> logger)
        : this(options, time, logger, async configuration => await ConnectionMultiplexer.ConnectAsync(configuration))
    {
    }

    internal RedisConnection(
        RedisStorageOptions options,
        TimeProvider time,
        ILogger<RedisConnection> logger,
        Func<ConfigurationOptions, Task<IConnectionMultiplexer>> connect)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _connect = connect;
        Endpoints = string.Join(",", ConfigurationOptions.Parse(options.ConnectionString).EndPoints.Select(e => e.ToString()));
    }

    /// <summary>The servers, for logs and health (never the password).</summary>
    public string Endpoints { get; }

    /// <summary>Raised with each multiplexer made (the first, and each replacement), for tracing to attach to it.</summary>
    public event EventHandler<IConnectionMultiplexer>? Connected;

    /// <summary>The multiplexer in use, if one was made yet.</summary>
    internal IConnectionMultiplexer? Current => Volatile.Read(ref _multiplexer);

    /// <summary>How many multiplexers were made so far (the first, and each replacement).</summary>
    internal int Generation { get; private set; }

    public async Task<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken)
    {
        var multiplexer = Volatile.Read(ref _multiplexer) ?? await ConnectAsync(replacing: null, cancellationToken);
        return multiplexer.GetDatabase();
    }

    public void ReportSuccess()
    {
        lock (_stateLock)
        {
            _failingSince = null;
        }
    }

    /// <summary>Records a failed operation; when failures have lasted long enough, replaces the multiplexer (the returned task).</summary>
    public Task ReportFailureAsync(Exception failure)
    {
        var now = _time.GetUtcNow();
        IConnectionMultiplexer? stale = null;
        lock (_stateLock)
        {
            _lastFailure = Summarize(failure.Message);
            _failingSince ??= now;
            var current = Volatile.Read(ref _multiplexer);
            if (current is not null && now - _failingSince >= _options.ReconnectAfter && now - _connectedAt >= _options.ReconnectAfter)
            {
                stale = current;
                _connectedAt = now;
            }
        }

        return stale is null ? Task.CompletedTask : ReplaceAsync(stale);
    }

    /// <summary>Why storage is degraded, or null while connected.</summary>
    public string? HealthProblem()
    {
        var multiplexer = Volatile.Read(ref _multiplexer);
        if (multiplexer is { IsConnected: true })
        {
            return null;
        }

        lock (_stateLock)
        {
            var state = multiplexer is null ? "not connected yet" : "unreachable";
            var since = _failingSince is { } start ? " since " + start.ToString("u", CultureInfo.InvariantCulture) : string.Empty;
            var reason = _lastFailure is null ? string.Empty : ": " + _lastFailure;
            return $"Redis storage ({Endpoints}) {state}{since}{reason}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        var multiplexer = Interlocked.Exchange(ref _multiplexer, null);
        if (multiplexer is not null)
        {
            Detach(multiplexer);
            await multiplexer.DisposeAsync();
        }

        _connectGate.Dispose();
    }

    private async Task ReplaceAsync(IConnectionMultiplexer stale)
    {
        LogReplacing(Endpoints, _options.ReconnectAfter);
        try
        {
            await ConnectAsync(stale, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The next failing operation tries again; nothing waits on this task.
            LogReplaceFailed(ex, Endpoints);
        }
    }

    private async Task<IConnectionMultiplexer> ConnectAsync(IConnectionMultiplexer? replacing, CancellationToken cancellationToken)
    {
        await _connectGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var current = Volatile.Read(ref _multiplexer);
            if (current is not null && !ReferenceEquals(current, replacing))
            {
                return current;
            }

            var fresh = await _connect(CreateConfiguration());
            fresh.ConnectionFailed += OnConnectionFailed;
            fresh.ConnectionRestored += OnConnectionRestored;
            lock (_stateLock)
            {
                _connectedAt = _time.GetUtcNow();
                Generation++;
            }

            Volatile.Write(ref _multiplexer, fresh);
            Connected?.Invoke(this, fresh);
            LogConnected(Endpoints, Generation, fresh.IsConnected);
            if (current is not null)
            {
                Detach(current);
                await current.DisposeAsync();
            }

            return fresh;
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private ConfigurationOptions CreateConfiguration()
    {
        var configuration = ConfigurationOptions.Parse(_options.ConnectionString);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectRetry = 3;
        configuration.ConnectTimeout = (int)_options.ConnectTimeout.TotalMilliseconds;
        configuration.SyncTimeout = (int)_options.OperationTimeout.TotalMilliseconds;
        configuration.AsyncTimeout = (int)_options.OperationTimeout.TotalMilliseconds;

        // Retry quickly after an outage (at most every 5 s), so serving resumes soon after Redis is back.
        configuration.ReconnectRetryPolicy = new ExponentialRetry(250, 5_000);
        configuration.ClientName ??= "policybot";
        return configuration;
    }

    /// <summary>The first clause of a client message; the rest (buffer and thread-pool counters) belongs in the log, not in /healthz.</summary>
    private static string Summarize(string message)
    {
        var end = message.IndexOfAny(['(', '\n']);
        var dash = message.IndexOf(" - ", StringComparison.Ordinal);
        if (dash >= 0 && (end < 0 || dash < end))
        {
            end = dash;
        }

        var summary = (end > 0 ? message[..end] : message).Trim();
        return summary.Length <= 160 ? summary : summary[..160] + "…";
    }

    private void Detach(IConnectionMultiplexer multiplexer)
    {
        multiplexer.ConnectionFailed -= OnConnectionFailed;
        multiplexer.ConnectionRestored -= OnConnectionRestored;
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        lock (_stateLock)
        {
            _lastFailure = $"{e.FailureType} on {e.EndPoint}";
            _failingSince ??= _time.GetUtcNow();
        }

        LogConnectionFailed(e.EndPoint, e.FailureType, e.Exception?.Message);
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        lock (_stateLock)
        {
            _failingSince = null;
        }

        LogConnectionRestored(e.EndPoint);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis storage ({Endpoints}) has failed for {ReconnectAfter}; replacing the connection")]
    private partial void LogReplacing(string endpoints, TimeSpan reconnectAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "Replacing the Redis storage connection ({Endpoints}) failed")]
    private partial void LogReplaceFailed(Exception exception, string endpoints);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis storage ({Endpoints}) connection {Generation} made; connected: {Connected}")]
    private partial void LogConnected(string endpoints, int generation, bool connected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis storage connection to {EndPoint} failed ({FailureType}): {Reason}")]
    private partial void LogConnectionFailed(System.Net.EndPoint? endPoint, ConnectionFailureType failureType, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis storage connection to {EndPoint} restored")]
    private partial void LogConnectionRestored(System.Net.EndPoint? endPoint);
}
