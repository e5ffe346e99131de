using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PolicyBot.Adapters;
using PolicyBot.Options;

namespace PolicyBot.WebChat.DirectLine;

/// <summary>
/// The development Direct Line as a Bot Framework channel: a posted activity becomes a channel activity
/// (channelId "webchat-dev", the bot's own /v3/directline as serviceUrl, deliveryMode expectReplies) and goes
/// through <see cref="AdapterWithErrorHandler"/> to the same bot as Teams and the Emulator. The replies come
/// back in the turn's response and are appended to the conversation, where Web Chat reads them.
/// </summary>
internal sealed partial class DirectLineBotChannel
{
    public const string ChannelId = "webchat-dev";
    public const string BotName = "PolicyBot";
    private const string AnonymousBotId = "policybot";

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
    });

    private readonly AdapterWithErrorHandler _adapter;
    private readonly IOptions<BotAuthenticationOptions> _auth;
    private readonly TimeProvider _time;
    private readonly ILogger<DirectLineBotChannel> _logger;

    public DirectLineBotChannel(AdapterWithErrorHandler adapter, IOptions<BotAuthenticationOptions> auth, TimeProvider time, ILogger<DirectLineBotChannel> logger)
    {
        _adapter = adapter;
        _auth = auth;
        _time = time;
        _logger = logger;
    }

    private string BotId => _auth.Value.IsAnonymous ? AnonymousBotId : _auth.Value.MicrosoftAppId;

    /// <summary>
    /// The server's copy of what the client posted: channel fields set by the service (ids, accounts, role),
    /// the rest (text, value, name, channelData with clientActivityID, locale…) as sent.
    /// </summary>
    public JObject ToServerActivity(JObject posted, DirectLineConversation conversation)
    {
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(conversation);
        var echo = (JObject)posted.DeepClone();
        foreach (var serviceField in (string[])["id", "timestamp", "serviceUrl", "deliveryMode", "callerId", "recipient", "conversation", "replyToId"])
        {
            echo.Remove(serviceField);
        }

        var userName = posted["from"] is JObject from && from["name"] is { Type: JTokenType.String } name ? name : null;
        echo["channelId"] = ChannelId;
        echo["from"] = new JObject { ["id"] = conversation.UserId, ["role"] = RoleTypes.User };
        if (userName is not null)
        {
            echo["from"]!["name"] = userName;
        }

        echo["conversation"] = new JObject { ["id"] = conversation.Id };
        echo["recipient"] = new JObject { ["id"] = BotId, ["name"] = BotName, ["role"] = RoleTypes.Bot };
        return echo;
    }

    /// <summary>Why a posted activity cannot be read as a Bot Framework activity, or null when it can.</summary>
    public static string? ShapeProblem(JObject posted)
    {
        ArgumentNullException.ThrowIfNull(posted);
        try
        {
            _ = posted.ToObject<Activity>(Serializer);
            return null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidCastException)
        {
            var path = (ex as JsonSerializationException)?.Path;
            return string.IsNullOrEmpty(path) ? "The activity has a field of the wrong shape." : $"The activity's '{path}' has the wrong shape.";
        }
    }

    /// <summary>Runs the bot's turn on the stored echo and appends every reply the user should see.</summary>
    public async Task RunTurnAsync(JObject echo, DirectLineConversation conversation, Uri serviceUrl, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(echo);
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(bot);
        var activity = echo.ToObject<Activity>(Serializer)!;
        activity.ServiceUrl = serviceUrl.ToString();
        activity.DeliveryMode = DeliveryModes.ExpectReplies;

        IList<Activity> replies;
        try
        {
            replies = await _adapter.ProcessTrustedChannelActivityAsync(activity, _auth.Value.IsAnonymous ? null : BotId, bot.OnTurnAsync, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // OnTurnError handles the bot's failures; this is the adapter itself failing before the turn.
            LogTurnFailed(ex, conversation.Id, activity.Id);
            replies = [MessageFactory.Text(AdapterWithErrorHandler.ApologyText)];
        }

        foreach (var reply in replies)
        {
            if (reply.Type == ActivityTypes.Trace)
            {
                continue;
            }

            var json = JObject.FromObject(reply, Serializer);
            json["from"] = new JObject { ["id"] = BotId, ["name"] = BotName, ["role"] = RoleTypes.Bot };
            json["recipient"] = new JObject { ["id"] = conversation.UserId, ["role"] = RoleTypes.User };
            json["conversation"] = new JObject { ["id"] = conversation.Id };
            json["channelId"] = ChannelId;
            json["replyToId"] = activity.Id;
            json.Remove("serviceUrl");
            conversation.Append(json, _time.GetUtcNow());
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Development Direct Line could not run a turn in conversation {ConversationId}, activity {ActivityId}")]
    private partial void LogTurnFailed(Exception exception, string conversationId, string? activityId);
}
