using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PolicyBot.Infrastructure;

namespace PolicyBot.WebChat.DirectLine;

/// <summary>
/// The Direct Line 3.0 routes Web Chat's client uses, under /v3/directline, for local use without Azure.
/// Every call carries its conversation's token (Authorization: Bearer, or ?t= on the WebSocket): 401 without one,
/// 403 for a wrong or expired one, 404 for a conversation that does not exist (any more).
/// </summary>
internal static partial class DirectLineEndpoints
{
    public const string RoutePrefix = "/v3/directline";

    private static readonly JsonSerializerSettings ParseSettings = new() { DateParseHandling = DateParseHandling.None, MaxDepth = 32 };
    private static readonly string[] AcceptedTypes = [ActivityTypes.Message, ActivityTypes.Event, ActivityTypes.Typing];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(RoutePrefix);
        group.MapPost("/conversations", StartConversationAsync).AddEndpointFilter<IEndpointConventionBuilder, BearerTokenRequired>();
        group.MapGet("/conversations/{conversationId}", ReconnectAsync).AddEndpointFilter<IEndpointConventionBuilder, BearerTokenRequired>();
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync).AddEndpointFilter<IEndpointConventionBuilder, BearerTokenRequired>();
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync).AddEndpointFilter<IEndpointConventionBuilder, BearerTokenRequired>();
        group.MapGet("/conversations/{conversationId}/stream", StreamAsync).AddEndpointFilter<IEndpointConventionBuilder, QueryTokenRequired>(); // a WebSocket carries no header: ?t=
        group.MapPost("/tokens/refresh", RefreshTokenAsync).AddEndpointFilter<IEndpointConventionBuilder, BearerTokenRequired>();
    }

    /// <summary>Every route's opening: the token's conversation for the handler (<see cref="AuthorizedConversation"/>), else the 401/403/404.</summary>
    internal abstract class TokenRequired(DirectLineConversationStore store) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
        {
            var context = invocation.HttpContext;
            var (conversation, failure) = Authorize(store, context.GetRouteValue("conversationId") as string, TokenOf(context));
            if (conversation is null)
            {
                return failure;
            }

            context.Items[typeof(DirectLineConversation)] = conversation;
            return await next(invocation);
        }

        protected abstract string? TokenOf(HttpContext context);
    }

    internal sealed class BearerTokenRequired(DirectLineConversationStore store) : TokenRequired(store)
    {
        protected override string? TokenOf(HttpContext context) => BearerToken(context);
    }

    // A WebSocket carries no header: its token comes as ?t=.
    internal sealed class QueryTokenRequired(DirectLineConversationStore store) : TokenRequired(store)
    {
        protected override string? TokenOf(HttpContext context) => context.Request.Query["t"].ToString();
    }

    private static DirectLineConversation AuthorizedConversation(HttpContext context) =>
        (DirectLineConversation)context.Items[typeof(DirectLineConversation)]!;

    /// <summary>Creates a conversation and its first token (what the token endpoint gives the page).</summary>
    public static DirectLineToken IssueToken(DirectLineConversationStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var conversation = store.Create();
        return new DirectLineToken(conversation.CurrentToken, conversation.Id, SecondsLeft(conversation, store.Now), conversation.UserId);
    }

    private static async Task StartConversationAsync(HttpContext context, DirectLineConversationStore store)
    {
        var conversation = AuthorizedConversation(context);

        var created = !conversation.Started;
        conversation.Started = true;
        await WriteConversationAsync(context, conversation, store, created ? StatusCodes.Status201Created : StatusCodes.Status200OK, watermark: null);
    }

    private static async Task ReconnectAsync(HttpContext context, DirectLineConversationStore store)
    {
        var conversation = AuthorizedConversation(context);

        if (!TryReadWatermark(context, out var watermark, out var watermarkProblem))
        {
            await watermarkProblem!.ExecuteAsync(context);
            return;
        }

        conversation.Started = true;
        await WriteConversationAsync(context, conversation, store, StatusCodes.Status200OK, watermark);
    }

    private static async Task RefreshTokenAsync(HttpContext context, DirectLineConversationStore store)
    {
        var conversation = AuthorizedConversation(context);

        var token = conversation.RefreshToken(store.Now);
        NoStore(context);
        await context.Response.WriteAsJsonAsync(new { conversationId = conversation.Id, token, expires_in = SecondsLeft(conversation, store.Now) });
    }

    private static async Task PostActivityAsync(
        HttpContext context,
        DirectLineConversationStore store,
        DirectLineBotChannel channel,
        IBot bot,
        IOptions<WebChatOptions> options,
        ILogger<DirectLineBotChannel> logger)
    {
        var conversation = AuthorizedConversation(context);

        var (posted, statusCode, problem) = await ReadActivityAsync(context, options.Value.DevelopmentDirectLine.MaxPostedActivityBytes);
        if (posted is null)
        {
            LogActivityRefused(logger, conversation.Id, problem);
            await Error(statusCode, problem!).ExecuteAsync(context);
            return;
        }

        var cancellationToken = context.RequestAborted;
        await conversation.TurnLock.WaitAsync(cancellationToken);
        try
        {
            // The echo first: Web Chat marks the message as sent when it sees it in the activity list.
            var echo = channel.ToServerActivity(posted, conversation);
            var stored = conversation.Append(echo, store.Now);
            await channel.RunTurnAsync(echo, conversation, ServiceUrl(context), bot, cancellationToken);
            await context.Response.WriteAsJsonAsync(new { id = stored.Id }, cancellationToken);
        }
        finally
        {
            conversation.TurnLock.Release();
        }
    }

    private static async Task GetActivitiesAsync(HttpContext context)
    {
        var conversation = AuthorizedConversation(context);

        if (!TryReadWatermark(context, out var watermark, out var problem))
        {
            await problem!.ExecuteAsync(context);
            return;
        }

        NoStore(context);
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(conversation.GetActivitySet(watermark), context.RequestAborted);
    }

    private static async Task StreamAsync(HttpContext context, ILogger<DirectLineBotChannel> logger)
    {
        var conversation = AuthorizedConversation(context);

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Error(StatusCodes.Status400BadRequest, "The stream URL takes a WebSocket connection.").ExecuteAsync(context);
            return;
        }

        if (!TryReadWatermark(context, out var watermark, out var problem))
        {
            await problem!.ExecuteAsync(context);
            return;
        }

        var reader = conversation.OpenStream(watermark);
        if (reader is null)
        {
            await Error(StatusCodes.Status429TooManyRequests, "Too many streams are open for this conversation; close a browser tab.").ExecuteAsync(context);
            return;
        }

        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await DirectLineStream.RunAsync(socket, reader, context.RequestAborted);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            LogStreamEnded(logger, conversation.Id, ex.Message);
        }
        finally
        {
            conversation.CloseStream(reader);
        }
    }

    private static (DirectLineConversation? Conversation, IResult? Failure) Authorize(DirectLineConversationStore store, string? routeConversationId, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (null, Error(StatusCodes.Status401Unauthorized, "Missing token: send 'Authorization: Bearer <token>' from POST /api/webchat/token."));
        }

        var tokenConversationId = ConversationToken.ConversationIdOf(token);
        if (tokenConversationId is null || (routeConversationId is not null && !string.Equals(routeConversationId, tokenConversationId, StringComparison.Ordinal)))
        {
            return (null, Error(StatusCodes.Status403Forbidden, "The token is not valid for this conversation."));
        }

        var conversation = store.Find(tokenConversationId);
        if (conversation is null)
        {
            // A conversation that was evicted or aged out is gone: 404 tells Web Chat it has ended.
            return (null, routeConversationId is null
                ? Error(StatusCodes.Status403Forbidden, "The token's conversation has ended; get a new token.")
                : Error(StatusCodes.Status404NotFound, "The conversation does not exist (any more); reload the page to start a new one."));
        }

        return conversation.CheckToken(token, store.Now) switch
        {
            TokenCheck.Valid => (conversation, null),
            TokenCheck.Expired => (null, Error(StatusCodes.Status403Forbidden, "The token has expired; reload the page.")),
            _ => (null, Error(StatusCodes.Status403Forbidden, "The token is not valid for this conversation.")),
        };
    }

    private static async Task WriteConversationAsync(HttpContext context, DirectLineConversation conversation, DirectLineConversationStore store, int statusCode, long? watermark)
    {
        var request = context.Request;
        var socketScheme = request.IsHttps ? "wss" : "ws";
        var streamUrl = $"{socketScheme}://{request.Host}{request.PathBase}{RoutePrefix}/conversations/{Uri.EscapeDataString(conversation.Id)}/stream"
            + $"?t={Uri.EscapeDataString(conversation.CurrentToken)}"
            + (watermark is null ? string.Empty : $"&watermark={watermark.Value.ToString(CultureInfo.InvariantCulture)}");
        NoStore(context);
        context.Response.StatusCode = statusCode;
        await context.Response.WriteAsJsonAsync(new
        {
            conversationId = conversation.Id,
            token = conversation.CurrentToken,
            expires_in = SecondsLeft(conversation, store.Now),
            streamUrl,
        });
    }

    private static async Task<(JObject? Activity, int StatusCode, string? Problem)> ReadActivityAsync(HttpContext context, int maxBytes)
    {
        const int TooLarge = StatusCodes.Status413PayloadTooLarge;
        const int Bad = StatusCodes.Status400BadRequest;
        using var buffer = await BoundedRequestBody.ReadAsync(context, maxBytes);
        if (buffer is null)
        {
            return (null, TooLarge, $"The activity is larger than {maxBytes} bytes (WebChat:DevelopmentDirectLine:MaxPostedActivityBytes).");
        }

        JToken? parsed;
        try
        {
            parsed = JsonConvert.DeserializeObject<JToken>(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), ParseSettings);
        }
        catch (JsonException ex)
        {
            return (null, Bad, $"The body is not valid JSON: {ex.Message}");
        }

        if (parsed is not JObject activity)
        {
            return (null, Bad, "The body must be a JSON object (an activity).");
        }

        var type = activity["type"] is { Type: JTokenType.String } typeToken ? (string)typeToken! : null;
        if (type is null || !AcceptedTypes.Contains(type, StringComparer.Ordinal))
        {
            return (null, Bad, $"The activity's 'type' must be one of {string.Join(", ", AcceptedTypes)}, not '{type ?? "(none)"}'.");
        }

        // A field of the wrong shape ("attachments": "x") would otherwise fail later, inside the turn, as a 500.
        if (DirectLineBotChannel.ShapeProblem(activity) is { } shapeProblem)
        {
            return (null, Bad, shapeProblem);
        }

        return (activity, StatusCodes.Status200OK, null);
    }

    private static bool TryReadWatermark(HttpContext context, out long? watermark, out IResult? problem)
    {
        watermark = null;
        problem = null;
        var text = context.Request.Query["watermark"].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            watermark = value;
            return true;
        }

        problem = Error(StatusCodes.Status400BadRequest, $"The watermark '{text}' is not one this service gave out (a whole number).");
        return false;
    }

    private static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
    }

    private static Uri ServiceUrl(HttpContext context) =>
        new($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{RoutePrefix}/");

    private static int SecondsLeft(DirectLineConversation conversation, DateTimeOffset now) =>
        (int)Math.Max(0, (conversation.CurrentTokenExpires - now).TotalSeconds);

    private static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "no-store";

    private static IResult Error(int statusCode, string message) =>
        Results.Json(new { error = new { code = statusCode.ToString(CultureInfo.InvariantCulture), message } }, statusCode: statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development Direct Line refused an activity for conversation {ConversationId}: {Problem}")]
    private static partial void LogActivityRefused(ILogger logger, string conversationId, string? problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Development Direct Line stream of conversation {ConversationId} ended: {Reason}")]
    private static partial void LogStreamEnded(ILogger logger, string conversationId, string reason);
}
