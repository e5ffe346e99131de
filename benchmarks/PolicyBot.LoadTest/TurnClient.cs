using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace PolicyBot.LoadTest;

/// <summary>The outcome of one turn: answered (with its latency) or failed (with why).</summary>
internal readonly record struct TurnOutcome(bool Answered, double LatencyMs, string? Failure);

/// <summary>
/// Posts message activities with deliveryMode "expectReplies", so the replies come back in the response body
/// and no channel service is needed: a turn is answered when the body holds at least one message activity.
/// </summary>
internal sealed class TurnClient : IDisposable
{
    private readonly HttpClient _http;

    public TurnClient(int maxConnections)
    {
        var sockets = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        _http = new HttpClient(new LoopbackOnlyHandler(sockets)) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task<TurnOutcome> SendAsync(BotProcess bot, string conversationId, string activityId, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bot);
        using var content = new ByteArrayContent(MessageActivity(conversationId, activityId, text));
        content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.PostAsync(bot.MessagesUri, content, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var latencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new(false, latencyMs, $"HTTP {(int)response.StatusCode}: {Snippet(body)}");
            }

            if (!HasMessageActivity(body))
            {
                return new(false, latencyMs, $"HTTP 200 without a message activity: {Snippet(body)}");
            }

            return bot.RefusalMarker.Length > 0 && body.AsSpan().IndexOf(bot.RefusalMarker.Span) >= 0
                ? new(false, latencyMs, $"refused, not answered (the reply says '{bot.Definition.RefusalText}')")
                : new(true, latencyMs, null);
        }
        catch (HttpRequestException ex)
        {
            return new(false, Stopwatch.GetElapsedTime(started).TotalMilliseconds, $"{ex.GetType().Name}: {ex.Message}");
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new(false, Stopwatch.GetElapsedTime(started).TotalMilliseconds, $"timed out: {ex.Message}");
        }
    }

    public async Task<bool> IsHealthyAsync(Uri healthUri, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(healthUri, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>True when an expectReplies body ({"activities": [...]}) holds a "type": "message" activity.</summary>
    internal static bool HasMessageActivity(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            while (reader.Read())
            {
                // Depth 3 is an activity's own property: {"activities": [ {"type": ...} ]}.
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 3 && reader.ValueTextEquals("type"u8)
                    && reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("message"u8))
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }

    /// <summary>An Emulator-shaped message activity (the fields the Bot Framework and PolicyBot's validator require).</summary>
    internal static byte[] MessageActivity(string conversationId, string activityId, string text)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "message");
            json.WriteString("id", activityId);
            json.WriteString("text", text);
            json.WriteString("channelId", "emulator");
            json.WriteString("serviceUrl", "http://127.0.0.1:9/");
            json.WriteString("deliveryMode", "expectReplies");
            json.WriteString("locale", "en-US");
            json.WriteString("timestamp", DateTimeOffset.UtcNow);
            WriteAccount(json, "from", "load-user", "user");
            WriteAccount(json, "recipient", "bot", "bot");
            json.WriteStartObject("conversation");
            json.WriteString("id", conversationId);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteAccount(Utf8JsonWriter json, string property, string id, string role)
    {
        json.WriteStartObject(property);
        json.WriteString("id", id);
        json.WriteString("role", role);
        json.WriteEndObject();
    }

    private static string Snippet(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
        return text.Length == 0 ? "(empty body)" : text.ReplaceLineEndings(" ");
    }
}
