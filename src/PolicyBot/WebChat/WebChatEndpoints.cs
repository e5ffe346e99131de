using Microsoft.Extensions.Options;
using PolicyBot.WebChat.DirectLine;

namespace PolicyBot.WebChat;

/// <summary>
/// The page (GET /), what the page needs to connect (GET /api/webchat/config) and its token
/// (POST /api/webchat/token: from the development Direct Line, or exchanged with Azure for the secret).
/// </summary>
internal static class WebChatEndpoints
{
    public const string ConfigPath = "/api/webchat/config";
    public const string TokenPath = "/api/webchat/token";
    internal const string NotSetUpMessage = "The web chat is not set up on this server yet. Please use PolicyBot in Microsoft Teams, or tell the PolicyBot team.";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", GetPage);
        endpoints.MapGet(ConfigPath, GetConfig);
        endpoints.MapPost(TokenPath, PostTokenAsync);
    }

    internal static void AddPageHeaders(HttpContext context, WebChatModeSelector selector, WebChatOptions options)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy.For(selector.Mode, options.DirectLineEndpoint, context.Request, options.AllowedFrameAncestors);
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
    }

    private static IResult GetPage(HttpContext context, WebChatPageFiles files, WebChatModeSelector selector, IOptions<WebChatOptions> options)
    {
        var page = Path.Combine(files.Root, WebRootLocator.PageFile);
        if (!File.Exists(page))
        {
            return Results.Problem($"The chat page is missing: {page} was not built. Build src/PolicyBot (it copies wwwroot beside the binaries).", statusCode: StatusCodes.Status500InternalServerError);
        }

        AddPageHeaders(context, selector, options.Value);
        return Results.File(page, "text/html; charset=utf-8");
    }

    private static IResult GetConfig(HttpContext context, WebChatModeSelector selector, IOptions<WebChatOptions> options)
    {
        context.Response.Headers.CacheControl = "no-store";
        return selector.Mode switch
        {
            WebChatMode.Development => Results.Json(new { mode = "development", domain = DirectLineEndpoints.RoutePrefix.TrimStart('/') }),
            WebChatMode.Azure => Results.Json(new { mode = "azure", domain = new Uri(options.Value.DirectLineEndpoint, "v3/directline").ToString() }),
            _ => Results.Json(new { mode = "unavailable", message = NotSetUpMessage }),
        };
    }

    private static async Task<IResult> PostTokenAsync(HttpContext context, WebChatModeSelector selector, DirectLineConversationStore developmentConversations, DirectLineTokenClient azureTokens)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        switch (selector.Mode)
        {
            case WebChatMode.Development:
                return TokenResult(DirectLineEndpoints.IssueToken(developmentConversations));
            case WebChatMode.Azure:
                var (token, failure) = await azureTokens.GenerateAsync(context.RequestAborted);
                return token is not null ? TokenResult(token) : Results.Json(new { error = failure!.Message }, statusCode: failure.StatusCode);
            default:
                return Results.Json(new { error = NotSetUpMessage }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static IResult TokenResult(DirectLineToken token) =>
        Results.Json(new { token = token.Token, conversationId = token.ConversationId, expiresIn = token.ExpiresInSeconds, userId = token.UserId });
}

/// <summary>Where the page's files are, found once at start-up.</summary>
internal sealed record WebChatPageFiles(string Root);
