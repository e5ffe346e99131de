using Microsoft.Extensions.Diagnostics.HealthChecks;
using PolicyBot.Core.Meaning;

namespace PolicyBot.Health;

/// <summary>
/// Says where the meaning stage stands. It never makes the process unhealthy: without it the keyword tree still
/// answers, so a model that failed to load is "degraded, keyword answers only". For readiness, a stage still
/// loading is not ready yet (the "meaning stage loaded or off"); for liveness it is only reported.
/// </summary>
internal sealed class MeaningHealthCheck(MeaningStage stage, bool forReadiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(stage.Status switch
        {
            MeaningStageStatus.Ready => HealthCheckResult.Healthy("ready"),
            MeaningStageStatus.Off => HealthCheckResult.Healthy("off (Matching:Semantic:Enabled=false)"),
            MeaningStageStatus.Loading when forReadiness =>
                HealthCheckResult.Unhealthy("loading (keyword answers only until it is ready)", data: new Dictionary<string, object> { ["starting"] = true }),
            MeaningStageStatus.Loading => HealthCheckResult.Healthy("loading (keyword answers only until it is ready)"),
            _ => HealthCheckResult.Degraded($"failed, keyword answers only: {stage.FailureReason}"),
        });
}
