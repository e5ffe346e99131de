using PolicyBot.Core;

namespace PolicyBot.Infrastructure;

/// <summary>GET /healthz: 200 once the bot can answer, 503 before (content not loaded) or while storage is down.</summary>
internal static class HealthEndpoint
{
    public static readonly string Version = typeof(HealthEndpoint).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static IResult Get(IPolicyAssistant assistant, IEnumerable<IHealthContributor> contributors)
    {
        if (!assistant.IsReady)
        {
            return Results.Json(new { status = "starting", version = Version }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var degraded = contributors.Select(c => c.Check()).Where(r => r is not null).ToList();
        if (degraded.Count > 0)
        {
            return Results.Json(new { status = "degraded", version = Version, reasons = degraded }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Json(new { status = "ok", version = Version });
    }
}

/// <summary>A dependency that can make the bot degraded (for example Redis); returns a reason, or null when healthy.</summary>
public interface IHealthContributor
{
    string? Check();
}
