namespace PolicyBot.WebChat;

/// <summary>
/// The chat page's Content-Security-Policy: everything from the bot's own origin only; Web Chat needs inline
/// styles (its CSS-in-JS), data: images (its icons) and the Direct Line it talks to (the bot's own WebSocket in
/// development, Azure Bot Service's Direct Line in production).
/// </summary>
internal static class ContentSecurityPolicy
{
    public static string For(WebChatMode mode, Uri directLineEndpoint, HttpRequest request, IEnumerable<string> frameAncestors)
    {
        ArgumentNullException.ThrowIfNull(directLineEndpoint);
        ArgumentNullException.ThrowIfNull(request);
        var connect = new List<string> { "'self'" };
        if (mode == WebChatMode.Development)
        {
            connect.Add($"{(request.IsHttps ? "wss" : "ws")}://{request.Host}");
        }
        else if (mode == WebChatMode.Azure)
        {
            var authority = directLineEndpoint.GetLeftPart(UriPartial.Authority);
            connect.Add(authority);
            connect.Add("wss://" + directLineEndpoint.Authority);
        }

        var ancestors = new List<string> { "'self'" };
        ancestors.AddRange(frameAncestors);
        return string.Join(
            "; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "media-src 'self' blob:",
            "connect-src " + string.Join(' ', connect),
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors " + string.Join(' ', ancestors));
    }
}
