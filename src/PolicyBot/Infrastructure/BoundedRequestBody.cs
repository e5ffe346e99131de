using Microsoft.AspNetCore.Http.Features;

namespace PolicyBot.Infrastructure;

/// <summary>Reads a request body into memory up to a limit: /api/messages and the development Direct Line's posted activities.</summary>
internal static class BoundedRequestBody
{
    /// <summary>The body in memory, or null when it is over the limit (checked on the declared length and while reading).</summary>
    public static async Task<MemoryStream?> ReadAsync(HttpContext httpContext, long limit)
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
}
