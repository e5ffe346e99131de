using System.Security.Claims;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Builder.TraceExtensions;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using PolicyBot.Core.Telemetry;
using PolicyBot.Infrastructure;

namespace PolicyBot.Adapters;

/// <summary>
/// The Bot Framework adapter every channel goes through. When a turn fails it logs the exception with the
/// conversation and activity ids and tells the user in plain words; exception text never reaches a channel.
/// </summary>
public sealed partial class AdapterWithErrorHandler : CloudAdapter
{
    internal const string ApologyText = "Sorry, something went wrong on my side while answering. Please try again in a moment.";
    internal const string UnavailableText = "PolicyBot is temporarily unavailable. Please try again in a minute.";

    private readonly BotFrameworkAuthentication _auth;

    public AdapterWithErrorHandler(BotFrameworkAuthentication auth, ILogger<AdapterWithErrorHandler> logger, PolicyBotTelemetry telemetry)
        : base(auth, new TokenRejectionFilteringLogger(logger))
    {
        _auth = auth;
        OnTurnError = async (turnContext, exception) =>
        {
            var activity = turnContext.Activity;
            var unavailable = exception is StorageUnavailableException;
            telemetry.RecordError(unavailable ? "storage_unavailable" : "unhandled", activity?.ChannelId);
            if (unavailable)
            {
                telemetry.RecordStorageFailure();
            }

            System.Diagnostics.Activity.Current?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, unavailable ? "storage unavailable" : "unhandled exception");
            LogTurnFailed(
                logger,
                exception,
                unavailable ? "storage unavailable" : "unhandled exception",
                activity?.Conversation?.Id,
                activity?.Id,
                activity?.ChannelId);

            try
            {
                await turnContext.SendActivityAsync(unavailable ? UnavailableText : ApologyText);
                // Only the Emulator shows trace activities; it carries no exception text either.
                await turnContext.TraceActivityAsync("OnTurnError", value: unavailable ? "storage unavailable" : "unhandled exception", label: "TurnError");
            }
            catch (Exception sendFailure) when (sendFailure is not OperationCanceledException)
            {
                LogApologyFailed(logger, sendFailure, activity?.Conversation?.Id);
            }
        };
    }

    /// <summary>
    /// Runs one turn for a channel hosted inside this process (the development Direct Line), through the same
    /// pipeline as /api/messages: middleware, OnTurnError, the bot. That channel has already checked its caller
    /// (its own conversation token), so the identity is the one a channel's validated JWT would give: the bot's
    /// app id as audience, or anonymous. The activity must ask for expectReplies: the replies come back here,
    /// buffered, and no connector call leaves the process.
    /// </summary>
    internal async Task<IList<Activity>> ProcessTrustedChannelActivityAsync(Activity activity, string? botAppId, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.DeliveryMode != DeliveryModes.ExpectReplies)
        {
            throw new ArgumentException("A trusted channel's activity must have deliveryMode expectReplies.", nameof(activity));
        }

        var identity = string.IsNullOrEmpty(botAppId)
            ? new ClaimsIdentity(AuthenticationConstants.AnonymousAuthType)
            : new ClaimsIdentity([new Claim(AuthenticationConstants.AudienceClaim, botAppId)], "DevelopmentDirectLine");
        var authenticated = new AuthenticateRequestResult
        {
            ClaimsIdentity = identity,
            ConnectorFactory = _auth.CreateConnectorFactory(identity),
        };

        var response = await ProcessActivityAsync(authenticated, activity, callback, cancellationToken);
        return (response?.Body as ExpectedReplies)?.Activities ?? [];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed ({Reason}) in conversation {ConversationId}, activity {ActivityId}, channel {ChannelId}")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string reason, string? conversationId, string? activityId, string? channelId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not send the apology to conversation {ConversationId}")]
    private static partial void LogApologyFailed(ILogger logger, Exception exception, string? conversationId);
}
