using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using PolicyBot.Analytics.Recording;
using PolicyBot.Core;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Telemetry;
using PolicyBot.Infrastructure;
using PolicyBot.Options;
using PolicyBot.Storage;

namespace PolicyBot.Bots;

/// <summary>
/// The bot: channel specifics only (welcome, mentions, submits, tenants, retries, typing, state, Teams' message
/// extension invokes). What to answer is decided by <see cref="IPolicyAssistant"/> in PolicyBot.Core, what to share
/// by its IPolicySharing (through <see cref="TeamsMessageExtension"/>).
/// </summary>
public sealed partial class PolicyTeamsBot : TeamsActivityHandler
{
    internal const string WebChatJoinEvent = "webchat/join";
    private const string TeamsChannel = "msteams";
    private const string SearchInvoke = "composeExtension/query";
    private const string SelectItemInvoke = "composeExtension/selectItem";
    private const string LinkQueryInvoke = "composeExtension/queryLink";

    private readonly IPolicyAssistant _assistant;
    private readonly ConversationDataStore _conversationData;
    private readonly IOptionsMonitor<TeamsOptions> _teamsOptions;
    private readonly IOptionsMonitor<PrivacyOptions> _privacy;
    private readonly ConversationRateLimiter _rateLimiter;
    private readonly ILogger<PolicyTeamsBot> _logger;
    private readonly PolicyBotTelemetry _telemetry;
    private readonly TeamsMessageExtension _messageExtension;
    private readonly AnalyticsRecorder _analytics;
    private readonly TimeProvider _time;

    public PolicyTeamsBot(
        IPolicyAssistant assistant,
        ConversationDataStore conversationData,
        IOptionsMonitor<TeamsOptions> teamsOptions,
        IOptionsMonitor<PrivacyOptions> privacy,
        ConversationRateLimiter rateLimiter,
        ILogger<PolicyTeamsBot> logger,
        PolicyBotTelemetry telemetry,
        TeamsMessageExtension messageExtension,
        AnalyticsRecorder analytics,
        TimeProvider time)
    {
        _assistant = assistant;
        _conversationData = conversationData;
        _teamsOptions = teamsOptions;
        _privacy = privacy;
        _rateLimiter = rateLimiter;
        _logger = logger;
        _telemetry = telemetry;
        _messageExtension = messageExtension;
        _analytics = analytics;
        _time = time;
    }

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);

        // One span per turn, under the request's; its outcome, node, language and path are set when the assistant answers.
        using var turnSpan = _telemetry.StartTurn(turnContext.Activity.ChannelId);
        if (!IsTenantAllowed(turnContext.Activity))
        {
            // Refused before any state is read or written; an invoke still gets its own response (the adapter would say 501).
            if (turnContext.Activity.Type == ActivityTypes.Invoke)
            {
                await turnContext.SendActivityAsync(new Activity { Type = ActivityTypesEx.InvokeResponse, Value = new InvokeResponse { Status = (int)HttpStatusCode.Forbidden } }, cancellationToken);
            }

            return;
        }

        if (turnContext.Activity.Type == ActivityTypes.Message && !_rateLimiter.TryAcquire(turnContext.Activity.Conversation?.Id ?? string.Empty))
        {
            LogRateLimited(turnContext.Activity.Conversation?.Id, turnContext.Activity.Id);
            _telemetry.RecordRateLimited(turnContext.Activity.ChannelId);
            turnSpan?.SetTag(PolicyBotTelemetry.OutcomeTag, "rate_limited");
            await turnContext.SendActivityAsync(HostTexts.SlowDown(ActivityInputReader.Locale(turnContext.Activity)), cancellationToken: cancellationToken);
            return;
        }

        await base.OnTurnAsync(turnContext, cancellationToken);
        await _conversationData.SaveChangesAsync(turnContext, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var input = ActivityInputReader.Read(turnContext.Activity);
        if (input.Kind == UserInputKind.Text && string.IsNullOrWhiteSpace(input.Text) && turnContext.Activity.Attachments?.Count > 0)
        {
            var data = await _conversationData.GetAsync(turnContext, cancellationToken);
            await turnContext.SendActivityAsync(HostTexts.AttachmentsNotRead(HostTexts.LanguageOf(data, input.Locale)), cancellationToken: cancellationToken);
            return;
        }

        await RespondAsync(turnContext, input, cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(membersAdded);
        var botId = turnContext.Activity.Recipient?.Id;
        var botAdded = membersAdded.Any(m => m.Id == botId);
        var userAdded = membersAdded.Any(m => m.Id != botId);

        // Teams: greet once, when the bot itself is installed or added, not for every member who joins later.
        // Other channels (Emulator, Web Chat) announce the user joining the bot's conversation.
        var greet = turnContext.Activity.ChannelId == TeamsChannel ? botAdded : userAdded;
        if (greet)
        {
            await WelcomeOnceAsync(turnContext, cancellationToken);
        }
    }

    // The base class fetches each joining member's Teams profile over the Connector API before OnMembersAddedAsync;
    // the bot only compares ids, and a failed lookup (throttling, someone who already left) would post the apology in the channel.
    protected override Task OnTeamsMembersAddedDispatchAsync(IList<ChannelAccount> membersAdded, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        OnMembersAddedAsync(membersAdded, turnContext, cancellationToken);

    protected override async Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        await WelcomeOnceAsync(turnContext, cancellationToken);
    }

    protected override async Task OnEventActivityAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken)
    {
        // Web Chat greets by posting this event when it connects (it sends no conversationUpdate of its own).
        if (turnContext.Activity.Name == WebChatJoinEvent)
        {
            await WelcomeOnceAsync(turnContext, cancellationToken);
            return;
        }

        await base.OnEventActivityAsync(turnContext, cancellationToken);
    }

    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var name = turnContext.Activity.Name;
        try
        {
            // The SDK would read a malformed payload with an exception (a 500): a 400 that says what is wrong instead.
            if (name is SearchInvoke or SelectItemInvoke or LinkQueryInvoke)
            {
                CheckPayload(name, turnContext.Activity.Value);
            }

            return await base.OnInvokeActivityAsync(turnContext, cancellationToken);
        }
        catch (InvalidInvokeException ex)
        {
            LogInvalidInvoke(name, ex.Message, turnContext.Activity.Conversation?.Id);
            return new InvokeResponse { Status = (int)HttpStatusCode.BadRequest, Body = new JObject { ["error"] = ex.Message } };
        }
    }

    protected override Task<MessagingExtensionResponse> OnTeamsMessagingExtensionQueryAsync(ITurnContext<IInvokeActivity> turnContext, MessagingExtensionQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(_messageExtension.Search(((ITurnContext)turnContext).Activity, query));

    protected override Task<MessagingExtensionResponse> OnTeamsMessagingExtensionSelectItemAsync(ITurnContext<IInvokeActivity> turnContext, JObject query, CancellationToken cancellationToken) =>
        Task.FromResult(_messageExtension.Select(((ITurnContext)turnContext).Activity, query));

    protected override Task<MessagingExtensionResponse> OnTeamsAppBasedLinkQueryAsync(ITurnContext<IInvokeActivity> turnContext, AppBasedLinkQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(_messageExtension.Unfurl(((ITurnContext)turnContext).Activity, query));

    /// <summary>The invoke's value must be a JSON object of the shape its name promises.</summary>
    private static void CheckPayload(string name, object? value)
    {
        if (value is not JObject payload)
        {
            throw new InvalidInvokeException($"The {name} invoke has no value object.");
        }

        try
        {
            _ = name switch
            {
                SearchInvoke => (object?)payload.ToObject<MessagingExtensionQuery>(),
                LinkQueryInvoke => payload.ToObject<AppBasedLinkQuery>(),
                _ => payload,
            };
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            // The place, not the serializer's message: that one can quote what was typed, and this goes to the log.
            var path = ex switch
            {
                Newtonsoft.Json.JsonSerializationException serialization => serialization.Path,
                Newtonsoft.Json.JsonReaderException reader => reader.Path,
                _ => null,
            };
            throw new InvalidInvokeException($"The {name} invoke's value cannot be read at '{path ?? "(unknown)"}': a field has the wrong type.");
        }
    }

    protected override Task OnUnrecognizedActivityTypeAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        LogIgnoredActivity(turnContext.Activity.Type, turnContext.Activity.Conversation?.Id);
        return Task.CompletedTask;
    }

    private async Task WelcomeOnceAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(turnContext, cancellationToken);
        if (data.Welcomed)
        {
            return;
        }

        data.Welcomed = true;
        await RespondAsync(turnContext, ActivityInputReader.Welcome(turnContext.Activity), cancellationToken);
    }

    private async Task RespondAsync(ITurnContext turnContext, UserInput input, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(turnContext, cancellationToken);
        var activityId = turnContext.Activity.Id;
        if (input.Kind != UserInputKind.Welcome && data.HasAnswered(activityId))
        {
            LogRetryIgnored(activityId, turnContext.Activity.Conversation?.Id);
            return;
        }

        // A typing indicator shows while the answer is worked out; with expectReplies every reply arrives in one
        // response, so there it would only add weight.
        if (input.Kind != UserInputKind.Welcome && turnContext.Activity.DeliveryMode != DeliveryModes.ExpectReplies)
        {
            await turnContext.SendActivityAsync(new Activity { Type = ActivityTypes.Typing }, cancellationToken);
        }

        if (_privacy.CurrentValue.LogUserText && input.Kind == UserInputKind.Text)
        {
            LogUserText(turnContext.Activity.Conversation?.Id, input.Text);
        }

        var reply = await _assistant.ReplyAsync(input, data.Dialog, cancellationToken);
        data.Dialog = reply.Context;
        data.RememberAnswered(activityId);
        foreach (var message in reply.Messages)
        {
            if (message.CardJson is not null)
            {
                _telemetry.RecordCardSize(System.Text.Encoding.UTF8.GetByteCount(message.CardJson), turnContext.Activity.ChannelId);
            }

            await turnContext.SendActivityAsync(ToActivity(message), cancellationToken);
        }

        foreach (var assistantEvent in reply.Events)
        {
            Record(turnContext, assistantEvent);
        }

        // For the content owners' report: queued in memory, written in the background, never waited for.
        if (reply.Events.Count > 0)
        {
            _analytics.Record(new TurnObservation(_time.GetUtcNow(), turnContext.Activity.ChannelId ?? string.Empty, turnContext.Activity.Conversation?.Id, input, reply.Events));
        }
    }

    private void Record(ITurnContext turnContext, AssistantEvent assistantEvent)
    {
        var conversationId = turnContext.Activity.Conversation?.Id;
        switch (assistantEvent)
        {
            case FeedbackEvent feedback:
                _telemetry.RecordFeedback(feedback.Rating, feedback.TopicId);
                LogFeedback(feedback.Rating, feedback.NodeId, feedback.TopicId, feedback.ContentVersion, conversationId);
                break;

            case FeedbackCommentEvent comment:
                // The note itself stays out of the logs, whatever Privacy:LogUserText says: only the analytics store keeps it, redacted.
                LogFeedbackComment(comment.NodeId, comment.TopicId, comment.ContentVersion, conversationId);
                break;

            case TurnEvent turn:
                _telemetry.RecordTurn(
                    System.Diagnostics.Activity.Current is { OperationName: PolicyBotTelemetry.TurnActivityName } span ? span : null,
                    turnContext.Activity.ChannelId,
                    turn.OutcomeName,
                    turn.NodeId,
                    turn.Language,
                    turn.PathName);
                LogTurn(turn.OutcomeName, turn.NodeId, turn.Score is { } score ? Math.Round(score, 2) : null, turn.PathName, turn.Language, conversationId);
                break;
        }
    }

    internal static Activity ToActivity(ReplyMessage message)
    {
        var activity = MessageFactory.Text(message.Text);
        if (message.CardJson is not null)
        {
            // The card says it all; the plain text travels as the summary (notifications, screen readers) and as the card's fallbackText.
            activity.Text = null;
            activity.Summary = message.Text;
            // The card is already valid JSON, rendered and size-checked by PolicyBot.Core. Sent raw: parsing it into a
            // JObject only for Newtonsoft to write it back out was a measurable share of a turn's CPU (benchmarks/README.md, "Load").
            activity.Attachments = [new Attachment { ContentType = "application/vnd.microsoft.card.adaptive", Content = new JRaw(message.CardJson) }];
        }

        return activity;
    }

    private bool IsTenantAllowed(Activity activity)
    {
        var allowed = _teamsOptions.CurrentValue.AllowedTenantIds;
        if (allowed.Count == 0 || activity.ChannelId != TeamsChannel)
        {
            return true;
        }

        var tenantId = activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id ?? activity.Conversation?.TenantId;
        if (tenantId is not null && allowed.Contains(tenantId, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        LogTenantRefused(activity.Id, tenantId ?? "(none)");
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit reached in conversation {ConversationId}; activity {ActivityId} not answered")]
    private partial void LogRateLimited(string? conversationId, string? activityId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored activity of type {ActivityType} in conversation {ConversationId}")]
    private partial void LogIgnoredActivity(string? activityType, string? conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity {ActivityId} in conversation {ConversationId} was already answered; retry ignored")]
    private partial void LogRetryIgnored(string? activityId, string? conversationId);

    // Only with Privacy:LogUserText; every other message here carries ids, outcomes and scores, never what was typed.
    [LoggerMessage(Level = LogLevel.Information, Message = "User text in conversation {ConversationId}: {UserText}")]
    private partial void LogUserText(string? conversationId, string userText);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback {Rating} on node {NodeId} (topic {TopicId}, content {ContentVersion}) in conversation {ConversationId}")]
    private partial void LogFeedback(string rating, string? nodeId, string? topicId, string contentVersion, string? conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Turn {Outcome} node {NodeId} score {Score} path {Path} language {Language} in conversation {ConversationId}")]
    private partial void LogTurn(string outcome, string? nodeId, double? score, string? path, string language, string? conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invoke {InvokeName} refused with 400 in conversation {ConversationId}: {Problem}")]
    private partial void LogInvalidInvoke(string? invokeName, string problem, string? conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback note sent on node {NodeId} (topic {TopicId}, content {ContentVersion}) in conversation {ConversationId}")]
    private partial void LogFeedbackComment(string? nodeId, string? topicId, string contentVersion, string? conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused activity {ActivityId} from tenant {TenantId}: not in Teams:AllowedTenantIds")]
    private partial void LogTenantRefused(string? activityId, string tenantId);
}
