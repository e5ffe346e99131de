using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace PolicyBot.WebChat;

/// <summary>A Direct Line token for one conversation, bound to one user id; safe to hand to a browser.</summary>
public sealed record DirectLineToken(string Token, string ConversationId, int ExpiresInSeconds, string UserId);

/// <summary>Why no token could be had, in words for the page (no secret, no Azure error body).</summary>
public sealed record DirectLineTokenFailure(int StatusCode, string Message);

/// <summary>
/// Exchanges the Direct Line secret for a token with Azure Bot Service
/// (POST {DirectLineEndpoint}v3/directline/tokens/generate). The secret travels only in that request's
/// Authorization header and is never logged.
/// </summary>
internal sealed partial class DirectLineTokenClient
{
    public const string HttpClientName = "PolicyBot.DirectLine";

    internal const string UnavailableMessage = "The chat service is not available right now. Please try again in a few minutes; if it persists, tell the PolicyBot team.";
    internal const string TimeoutMessage = "The chat service did not answer in time. Please try again in a few minutes.";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptions<WebChatOptions> _options;
    private readonly ILogger<DirectLineTokenClient> _logger;

    public DirectLineTokenClient(IHttpClientFactory httpClientFactory, IOptions<WebChatOptions> options, ILogger<DirectLineTokenClient> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _logger = logger;
    }

    /// <summary>A new user id in Direct Line's reserved "dl_" form, so the browser cannot choose or forge one.</summary>
    public static string NewUserId() => "dl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public async Task<(DirectLineToken? Token, DirectLineTokenFailure? Failure)> GenerateAsync(CancellationToken cancellationToken)
    {
        var options = _options.Value;
        if (string.IsNullOrWhiteSpace(options.DirectLineSecret))
        {
            LogNoSecret();
            return (null, new DirectLineTokenFailure(StatusCodes.Status503ServiceUnavailable, "The web chat is not set up on this server yet (no Direct Line secret)."));
        }

        var userId = NewUserId();
        var client = _httpClientFactory.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.DirectLineEndpoint, "v3/directline/tokens/generate"))
        {
            Content = JsonContent.Create(new GenerateRequest(new GenerateUser(userId))),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.DirectLineSecret);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.TokenRequestTimeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return (null, Refused(response.StatusCode));
            }

            var body = await response.Content.ReadFromJsonAsync<GenerateResponse>(timeout.Token);
            if (body is null || string.IsNullOrEmpty(body.Token) || string.IsNullOrEmpty(body.ConversationId))
            {
                LogEmptyToken((int)response.StatusCode);
                return (null, new DirectLineTokenFailure(StatusCodes.Status502BadGateway, UnavailableMessage));
            }

            LogTokenIssued(body.ConversationId, userId, body.ExpiresIn);
            return (new DirectLineToken(body.Token, body.ConversationId, body.ExpiresIn, userId), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(options.TokenRequestTimeout);
            return (null, new DirectLineTokenFailure(StatusCodes.Status504GatewayTimeout, TimeoutMessage));
        }
        catch (HttpRequestException ex)
        {
            // The message names the host and the socket error; it cannot contain the secret (a header).
            LogUnreachable(ex.Message);
            return (null, new DirectLineTokenFailure(StatusCodes.Status502BadGateway, UnavailableMessage));
        }
        catch (JsonException ex)
        {
            LogNotAToken(ex.Message);
            return (null, new DirectLineTokenFailure(StatusCodes.Status502BadGateway, UnavailableMessage));
        }
    }

    private DirectLineTokenFailure Refused(HttpStatusCode status)
    {
        var code = (int)status;
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            LogSecretRefused(code);
        }
        else
        {
            LogFailedStatus(code);
        }

        return status == HttpStatusCode.TooManyRequests
            ? new DirectLineTokenFailure(StatusCodes.Status503ServiceUnavailable, "The chat service is busy. Please try again in a minute.")
            : new DirectLineTokenFailure(StatusCodes.Status502BadGateway, UnavailableMessage);
    }

    private sealed record GenerateUser([property: JsonPropertyName("id")] string Id);

    private sealed record GenerateRequest([property: JsonPropertyName("user")] GenerateUser User);

    private sealed record GenerateResponse(
        [property: JsonPropertyName("conversationId")] string? ConversationId,
        [property: JsonPropertyName("token")] string? Token,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    [LoggerMessage(Level = LogLevel.Error, Message = "No Direct Line token: WebChat:DirectLineSecret is not set")]
    private partial void LogNoSecret();

    [LoggerMessage(Level = LogLevel.Error, Message = "Azure Bot Service answered tokens/generate with HTTP {StatusCode} but no token or conversation id")]
    private partial void LogEmptyToken(int statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line token issued for conversation {ConversationId}, user {UserId}, expires in {ExpiresIn} s")]
    private partial void LogTokenIssued(string? conversationId, string userId, int expiresIn);

    [LoggerMessage(Level = LogLevel.Error, Message = "Azure Bot Service did not answer tokens/generate within {Timeout}")]
    private partial void LogTimedOut(TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "Azure Bot Service could not be reached for tokens/generate: {Error}")]
    private partial void LogUnreachable(string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Azure Bot Service answered tokens/generate with JSON that is not a token: {Error}")]
    private partial void LogNotAToken(string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Azure Bot Service refused the Direct Line secret (HTTP {StatusCode}): check WebChat:DirectLineSecret against the bot's Direct Line channel")]
    private partial void LogSecretRefused(int statusCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Azure Bot Service answered tokens/generate with HTTP {StatusCode}")]
    private partial void LogFailedStatus(int statusCode);
}
