using Microsoft.AspNetCore.Http.Features;
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
internal static class BotMessageEndpoint
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
        var body = await ReadBodyAsync(httpContext, limit);
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

    /// <summary>The body in memory, or null when it is over the limit (checked on the declared length and while reading).</summary>
    private static async Task<MemoryStream?> ReadBodyAsync(HttpContext httpContext, long limit)
    {
        if (httpContext.Request.ContentLength > limit)
        {
            return null;
        }

        // Kestrel's own limit is set to the same value; this also holds where the server has none (tests, proxies).
        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await httpContext.Request.Body.ReadAsync(chunk, httpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    await buffer.DisposeAsync();
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await buffer.DisposeAsync();
            return null;
        }

        buffer.Position = 0;
        return buffer;
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().EndsWith("json", StringComparison.OrdinalIgnoreCase);

    private static Task RejectAsync(HttpContext httpContext, ILogger logger, int statusCode, string message)
    {
        logger.LogWarning("Rejected request to /api/messages with {StatusCode}: {Problem}", statusCode, message);
        httpContext.Response.StatusCode = statusCode;
        return httpContext.Response.WriteAsJsonAsync(new { error = message });
    }
}
