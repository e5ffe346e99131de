using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PolicyBot.Analytics.Recording;

namespace PolicyBot.Health;

/// <summary>
/// Whether the content owners' analytics are being written. A failing store never stops answers, so it is
/// "Degraded" (HTTP 200, listed in /healthz with the store, since when, why and how many turns wait), never unhealthy.
/// </summary>
internal sealed class AnalyticsHealthCheck(AnalyticsRecorder recorder, AnalyticsWriter writer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!recorder.IsEnabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("off (Analytics:Store is None)"));
        }

        if (writer.Failure is { } failure)
        {
            var since = failure.Since.ToString("u", CultureInfo.InvariantCulture);
            return Task.FromResult(HealthCheckResult.Degraded(
                $"{writer.StoreDescription} failing since {since}: {failure.Reason}; answers go on, {recorder.Pending} turn(s) wait in memory, {recorder.Dropped} dropped since the last warning in the log"));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"writing to {writer.StoreDescription}; {writer.Written} event(s) written, {recorder.Pending} waiting"));
    }
}
