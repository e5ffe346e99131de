using PolicyBot.Core;
using PolicyBot.Core.Meaning;

namespace PolicyBot.Infrastructure;

/// <summary>GET /healthz: 200 once the bot can answer, 503 before (content not loaded) or while storage is down.</summary>
internal static class HealthEndpoint
{
    public static readonly string Version = typeof(HealthEndpoint).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static IResult Get(IPolicyAssistant assistant, IEnumerable<IHealthContributor> contributors, MeaningStage meaning)
    {
        var meaningStatus = MeaningStatus(meaning);
        if (!assistant.IsReady)
        {
            return Results.Json(new { status = "starting", version = Version, meaning = meaningStatus }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var degraded = contributors.Select(c => c.Check()).Where(r => r is not null).ToList();
        if (degraded.Count > 0)
        {
            return Results.Json(new { status = "degraded", version = Version, reasons = degraded, meaning = meaningStatus }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Json(new { status = "ok", version = Version, meaning = meaningStatus });
    }

    /// <summary>The meaning stage never makes the bot unhealthy: without it the keyword tree still answers. It says so.</summary>
    private static string MeaningStatus(MeaningStage meaning) => meaning.Status switch
    {
        MeaningStageStatus.Ready => "ready",
        MeaningStageStatus.Loading => "loading (keyword answers only until it is ready)",
        MeaningStageStatus.Off => "off (Matching:Semantic:Enabled=false)",
        _ => $"failed, keyword answers only: {meaning.FailureReason}",
    };
}

/// <summary>A dependency that can make the bot degraded (for example Redis); returns a reason, or null when healthy.</summary>
public interface IHealthContributor
{
    string? Check();
}
