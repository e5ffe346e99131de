using System.Text.RegularExpressions;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using PolicyBot.Core.Language;
using PolicyBot.Core.Sharing;
using PolicyBot.Core.Telemetry;
using PolicyBot.Infrastructure;
using PolicyBot.Options;

namespace PolicyBot.Bots;

/// <summary>
/// Teams' message extension and link previews, in Teams' shapes: the search command's result list (a thumbnail per
/// answer, its tap asking for the card), the chosen answer's shareable card, and a pasted nato.int page's card.
/// What to share is decided by <see cref="IPolicySharing"/> in PolicyBot.Core; a payload that cannot be read is an
/// <see cref="InvalidInvokeException"/> naming what is wrong.
/// </summary>
public sealed partial class TeamsMessageExtension
{
    /// <summary>The search command's id and its parameter, as in manifests/manifest.template.json.</summary>
    public const string SearchCommandId = "findPolicy";

    public const string QueryParameter = "query";

    /// <summary>Teams sends this parameter, set to "true", when the command opens (the manifest's initialRun).</summary>
    public const string InitialRunParameter = "initialRun";

    /// <summary>What a result's tap sends back when it is chosen (composeExtension/selectItem).</summary>
    public const string NodeIdField = "nodeId";

    public const string LanguageField = "language";

    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The longest query read: a search box never needs more, and the matcher reads no more of a question.</summary>
    private const int MaxQueryLength = 500;

    private readonly IPolicySharing _sharing;
    private readonly IOptionsMonitor<PrivacyOptions> _privacy;
    private readonly ILogger<TeamsMessageExtension> _logger;
    private readonly SearchRateLimiter _searchLimiter;
    private readonly PolicyBotTelemetry _telemetry;

    public TeamsMessageExtension(IPolicySharing sharing, IOptionsMonitor<PrivacyOptions> privacy, SearchRateLimiter searchLimiter, PolicyBotTelemetry telemetry, ILogger<TeamsMessageExtension> logger)
    {
        _sharing = sharing;
        _privacy = privacy;
        _searchLimiter = searchLimiter;
        _telemetry = telemetry;
        _logger = logger;
    }

    /// <summary>composeExtension/query: the answers for what was typed, best first; the topics when nothing was.</summary>
    public MessagingExtensionResponse Search(Activity activity, MessagingExtensionQuery query)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (query is null)
        {
            throw new InvalidInvokeException("The search has no value (expected {\"commandId\": \"findPolicy\", \"parameters\": [...]}).");
        }

        if (!string.Equals(query.CommandId, SearchCommandId, StringComparison.Ordinal))
        {
            throw new InvalidInvokeException($"Unknown command '{query.CommandId ?? "(none)"}': PolicyBot's message extension has one command, '{SearchCommandId}'.");
        }

        var text = QueryText(query);
        if (!_searchLimiter.TryAcquire(activity.From?.AadObjectId ?? activity.From?.Id ?? activity.Conversation?.Id ?? string.Empty))
        {
            LogSearchRateLimited(activity.Conversation?.Id);
            _telemetry.RecordRateLimited(activity.ChannelId);
            return new MessagingExtensionResponse
            {
                ComposeExtension = new MessagingExtensionResult { Type = "message", Text = HostTexts.SearchSlowDown(ActivityInputReader.Locale(activity)) },
            };
        }

        var request = RequestFor(activity);
        var skip = Math.Max(query.QueryOptions?.Skip ?? 0, 0);
        var count = Math.Clamp(query.QueryOptions?.Count ?? PolicySearch.DefaultMaxResults, 1, PolicySearch.DefaultMaxResults);

        // One page of the best answers: Teams asks for the next one with skip, and there is none.
        var results = skip > 0 ? [] : _sharing.Search(text, request, count);
        LogSearch(results.Count, text.Length == 0, request.Language, activity.Conversation?.Id);
        if (_privacy.CurrentValue.LogUserText && text.Length > 0)
        {
            LogSearchText(activity.Conversation?.Id, text);
        }

        return Results([.. results.Select(r => ResultItem(r, request.Language))]);
    }

    /// <summary>composeExtension/selectItem: the chosen result's shareable card, to insert in the compose box.</summary>
    public MessagingExtensionResponse Select(Activity activity, JObject? value)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (value?[NodeIdField] is not { Type: JTokenType.String } idToken || string.IsNullOrWhiteSpace(idToken.Value<string>()))
        {
            throw new InvalidInvokeException($"The chosen result has no '{NodeIdField}' (expected {{\"{NodeIdField}\": \"<a topic or sub-question id>\"}}).");
        }

        var nodeId = idToken.Value<string>()!;
        var language = value[LanguageField] is { Type: JTokenType.String } languageToken && Languages.FromLocale(languageToken.Value<string>()) is { } chosen
            ? chosen
            : RequestFor(activity).Language;
        var request = RequestFor(activity) with { Language = language };
        if (_sharing.Find(nodeId, request) is not { } answer)
        {
            // A result listed before the content changed: say so where the card would go, rather than fail the click.
            LogSelectedUnknown(nodeId, activity.Conversation?.Id);
            return new MessagingExtensionResponse(new MessagingExtensionResult { Type = "message", Text = "That answer is no longer in PolicyBot. Search again." });
        }

        LogSelected(answer.NodeId, request.Language, activity.Conversation?.Id);
        return Results([Card(answer)]);
    }

    /// <summary>
    /// composeExtension/queryLink: a nato.int page the knowledge cites becomes its topic's card; any other page gets an
    /// empty result, and Teams shows its own preview of the link.
    /// </summary>
    public MessagingExtensionResponse Unfurl(Activity activity, AppBasedLinkQuery link)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (link is null || string.IsNullOrWhiteSpace(link.Url))
        {
            throw new InvalidInvokeException("The link query has no 'url'.");
        }

        var answer = _sharing.ForPage(link.Url, RequestFor(activity));
        LogUnfurl(answer?.NodeId, Uri.TryCreate(link.Url, UriKind.Absolute, out var url) ? url.Host : "(not a URL)", activity.Conversation?.Id);
        return Results(answer is null ? [] : [Card(answer)]);
    }

    /// <summary>The bot's personal chat, for "Ask PolicyBot": Teams' deep link to a chat with a bot by its id ("28:" and the app id).</summary>
    internal static Uri? ChatWithBot(string? botId)
    {
        if (botId is null || !TeamsBotId().IsMatch(botId))
        {
            return null;
        }

        return new Uri("https://teams.microsoft.com/l/chat/0/0?users=" + Uri.EscapeDataString(botId));
    }

    private static string QueryText(MessagingExtensionQuery query)
    {
        var parameters = query.Parameters ?? [];
        if (parameters.Any(p => p?.Name == InitialRunParameter))
        {
            return string.Empty;
        }

        if (parameters.FirstOrDefault(p => p?.Name == QueryParameter) is not { } parameter)
        {
            throw new InvalidInvokeException($"The search has no '{QueryParameter}' parameter (expected \"parameters\": [{{\"name\": \"{QueryParameter}\", \"value\": \"...\"}}]).");
        }

        var text = parameter.Value switch
        {
            null => string.Empty,
            string s => s,
            JValue { Type: JTokenType.String or JTokenType.Integer or JTokenType.Float } v => v.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new InvalidInvokeException($"The '{QueryParameter}' parameter must be text."),
        };
        text = text.Trim();
        return text.Length > MaxQueryLength ? text[..MaxQueryLength] : text;
    }

    /// <summary>The reader's language (the Teams client's locale) and, in Teams, the link to the bot's chat.</summary>
    private static ShareRequest RequestFor(Activity activity) =>
        new(Languages.FromLocale(ActivityInputReader.Locale(activity)) ?? Languages.English, activity.ChannelId == "msteams" ? ChatWithBot(activity.Recipient?.Id) : null);

    private static MessagingExtensionResponse Results(IList<MessagingExtensionAttachment> attachments) =>
        new(new MessagingExtensionResult { Type = "result", AttachmentLayout = "list", Attachments = attachments });

    /// <summary>A result in the list: title, topic and one line of the answer; choosing it asks for the card (selectItem).</summary>
    private static MessagingExtensionAttachment ResultItem(SharedAnswer answer, string language)
    {
        var preview = Thumbnail(answer);
        preview.Tap = new CardAction { Type = "invoke", Value = new JObject { [NodeIdField] = answer.NodeId, [LanguageField] = language } };
        return new MessagingExtensionAttachment
        {
            ContentType = ThumbnailCard.ContentType,
            Content = Thumbnail(answer),
            Preview = preview.ToAttachment(),
        };
    }

    /// <summary>The shareable card, with its thumbnail for the compose box's preview.</summary>
    private static MessagingExtensionAttachment Card(SharedAnswer answer) => new()
    {
        ContentType = AdaptiveCardContentType,
        // Rendered and size-checked by PolicyBot.Core; sent as it is.
        Content = new JRaw(answer.Message.CardJson),
        Preview = Thumbnail(answer).ToAttachment(),
    };

    private static ThumbnailCard Thumbnail(SharedAnswer answer) => new()
    {
        Title = answer.Title,
        Subtitle = answer.Topic == answer.Title ? null : answer.Topic,
        Text = answer.Summary,
    };

    // "28:" then the bot's app id, as Teams addresses bots: anything else would make a link to someone else's chat.
    [GeneratedRegex("^28:[0-9A-Za-z-]{1,64}$")]
    private static partial Regex TeamsBotId();

    [LoggerMessage(Level = LogLevel.Information, Message = "Message extension search refused: over the per-user search limit (conversation {ConversationId})")]
    private partial void LogSearchRateLimited(string? conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message extension search: {ResultCount} results (empty query: {EmptyQuery}, language {Language}) in conversation {ConversationId}")]
    private partial void LogSearch(int resultCount, bool emptyQuery, string language, string? conversationId);

    // Only with Privacy:LogUserText.
    [LoggerMessage(Level = LogLevel.Information, Message = "Message extension search text in conversation {ConversationId}: {UserText}")]
    private partial void LogSearchText(string? conversationId, string userText);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message extension: shared node {NodeId} ({Language}) in conversation {ConversationId}")]
    private partial void LogSelected(string nodeId, string language, string? conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message extension: the chosen node {NodeId} is not in the knowledge (stale result) in conversation {ConversationId}")]
    private partial void LogSelectedUnknown(string nodeId, string? conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Link preview for a page on {Host}: node {NodeId} in conversation {ConversationId}")]
    private partial void LogUnfurl(string? nodeId, string host, string? conversationId);
}

/// <summary>An invoke whose payload cannot be read: answered 400 with <see cref="Exception.Message"/>, never a 500.</summary>
internal sealed class InvalidInvokeException(string message) : Exception(message);
