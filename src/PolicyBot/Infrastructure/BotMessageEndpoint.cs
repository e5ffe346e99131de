using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;

namespace PolicyBot.Infrastructure;

/// <summary>POST /api/messages: every channel's activities enter here and go through the adapter to the bot.</summary>
internal static class BotMessageEndpoint
{
    public static async Task HandleAsync(HttpContext httpContext, IBotFrameworkHttpAdapter adapter, IBot bot, ILoggerFactory loggerFactory)
    {
        var request = httpContext.Request;
        var logger = loggerFactory.CreateLogger("PolicyBot.Messages");
        if (!IsJson(request.ContentType))
        {
            await WriteErrorAsync(httpContext, StatusCodes.Status415UnsupportedMediaType, $"Content-Type must be application/json, not '{request.ContentType ?? "(none)"}'.");
            return;
        }

        // Buffer so that malformed JSON can be named before the adapter sees it.
        request.EnableBuffering();
        var problem = await ActivityBodyValidator.ValidateAsync(request.Body, httpContext.RequestAborted);
        if (problem is not null)
        {
            logger.LogWarning("Rejected request to /api/messages: {Problem}", problem);
            await WriteErrorAsync(httpContext, StatusCodes.Status400BadRequest, problem);
            return;
        }

        request.Body.Position = 0;
        await adapter.ProcessAsync(request, httpContext.Response, bot, httpContext.RequestAborted);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().EndsWith("json", StringComparison.OrdinalIgnoreCase);

    internal static Task WriteErrorAsync(HttpContext httpContext, int statusCode, string message)
    {
        httpContext.Response.StatusCode = statusCode;
        return httpContext.Response.WriteAsJsonAsync(new { error = message });
    }
}
