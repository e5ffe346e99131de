using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Builder.TraceExtensions;
using Microsoft.Bot.Connector.Authentication;
using PolicyBot.Infrastructure;

namespace PolicyBot.Adapters;

/// <summary>
/// The Bot Framework adapter every channel goes through. When a turn fails it logs the exception with the
/// conversation and activity ids and tells the user in plain words; exception text never reaches a channel.
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    internal const string ApologyText = "Sorry, something went wrong on my side while answering. Please try again in a moment.";
    internal const string UnavailableText = "PolicyBot is temporarily unavailable. Please try again in a minute.";

    public AdapterWithErrorHandler(BotFrameworkAuthentication auth, ILogger<AdapterWithErrorHandler> logger)
        : base(auth, logger)
    {
        OnTurnError = async (turnContext, exception) =>
        {
            var activity = turnContext.Activity;
            var unavailable = exception is StorageUnavailableException;
            logger.LogError(
                exception,
                "Turn failed ({Reason}) in conversation {ConversationId}, activity {ActivityId}, channel {ChannelId}",
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
                logger.LogError(sendFailure, "Could not send the apology to conversation {ConversationId}", activity?.Conversation?.Id);
            }
        };
    }
}
