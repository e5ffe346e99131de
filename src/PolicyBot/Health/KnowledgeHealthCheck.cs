using Microsoft.Extensions.Diagnostics.HealthChecks;
using PolicyBot.Core;

namespace PolicyBot.Health;

/// <summary>Ready once policy content is loaded; before that every question would get "still loading".</summary>
internal sealed class KnowledgeHealthCheck(IPolicyAssistant assistant) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(assistant.IsReady
            ? HealthCheckResult.Healthy("policy content loaded")
            : HealthCheckResult.Unhealthy("policy content not loaded yet", data: new Dictionary<string, object> { ["starting"] = true }));
}
