using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Extensions.Options;
using PolicyBot.Options;

namespace PolicyBot.Infrastructure;

/// <summary>
/// POST /api/messages: every channel's activities enter here and go through the adapter to the bot. The body is
/// checked first, so that a malformed or oversized request gets a clear 4xx naming the problem and never an
/// exception text.
/// </summary>
internal static partial class BotMessageEndpoint
{
    public static async Task HandleAsync(
        HttpContext httpContext,
        IBotFrameworkHttpAdapter adapter,
        IBot bot,
        IOptions<HostingOptions> hosting,
        ILoggerFactory loggerFactory)
    {
        var request = httpContext.Request;
        var logger = loggerFactory.CreateLogger("PolicyBot.Messages");
        if (!IsJson(request.ContentType))
        {
            await RejectAsync(httpContext, logger, StatusCodes.Status415UnsupportedMediaType, $"Content-Type must be application/json, not '{request.ContentType ?? "(none)"}'.");
            return;
        }

        var limit = hosting.Value.MaxRequestBodyBytes;
        var body = await BoundedRequestBody.ReadAsync(httpContext, limit);
        if (body is null)
        {
            await RejectAsync(httpContext, logger, StatusCodes.Status413PayloadTooLarge, $"The body is larger than the limit of {limit} bytes (Hosting:MaxRequestBodyBytes).");
            return;
        }

        var problem = await ActivityBodyValidator.ValidateAsync(body, httpContext.RequestAborted);
        if (problem is not null)
        {
            await RejectAsync(httpContext, logger, StatusCodes.Status400BadRequest, problem);
            return;
        }

        body.Position = 0;
        request.Body = body;
        await adapter.ProcessAsync(request, httpContext.Response, bot, httpContext.RequestAborted);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().EndsWith("json", StringComparison.OrdinalIgnoreCase);

    private static Task RejectAsync(HttpContext httpContext, ILogger logger, int statusCode, string message)
    {
        LogRejected(logger, statusCode, message);
        httpContext.Response.StatusCode = statusCode;
        return httpContext.Response.WriteAsJsonAsync(new { error = message });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected request to /api/messages with {StatusCode}: {Problem}")]
    private static partial void LogRejected(ILogger logger, int statusCode, string problem);
}
