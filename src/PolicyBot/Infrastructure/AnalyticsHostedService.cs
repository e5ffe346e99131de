using Microsoft.Extensions.Options;
using PolicyBot.Analytics;
using PolicyBot.Analytics.Recording;
using PolicyBot.Options;

namespace PolicyBot.Infrastructure;

/// <summary>
/// Runs the analytics writer (the recorder's queue into the store) and the retention sweep (events older than
/// Privacy:RetentionDays deleted at start-up, then every hour) in the background. Neither ever holds up start-up or a
/// turn; on shutdown the writer has one bounded try at what is still queued.
/// </summary>
internal sealed partial class AnalyticsHostedService(
    AnalyticsWriter writer,
    AnalyticsRecorder recorder,
    IAnalyticsStore store,
    IOptionsMonitor<PrivacyOptions> privacy,
    TimeProvider time,
    ILogger<AnalyticsHostedService> logger) : BackgroundService
{
    internal static readonly TimeSpan RetentionInterval = TimeSpan.FromHours(1);
    private readonly ILogger<AnalyticsHostedService> _logger = logger;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!recorder.IsEnabled)
        {
            return;
        }

        // Yield first: the host finishes starting before the store is opened.
        await Task.Yield();
        await Task.WhenAll(writer.RunAsync(stoppingToken), RetainAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await store.DisposeAsync();
    }

    /// <summary>Deletes what is past retention, now and every hour; a failure waits for the next hour (the writer logs outages).</summary>
    private async Task RetainAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var days = privacy.CurrentValue.RetentionDays;
                try
                {
                    await store.InitializeAsync(stoppingToken);
                    var deleted = await store.DeleteOlderThanAsync(time.GetUtcNow().AddDays(-days), stoppingToken);
                    if (deleted > 0)
                    {
                        LogRetained(deleted, days, store.Description);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    LogRetentionFailed(store.Description, ex.Message);
                }

                await Task.Delay(RetentionInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Analytics: {Deleted} event(s) older than {Days} days deleted from {Store}")]
    private partial void LogRetained(long deleted, int days, string store);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics: retention could not run on {Store} ({Reason}); trying again in an hour")]
    private partial void LogRetentionFailed(string store, string reason);
}
