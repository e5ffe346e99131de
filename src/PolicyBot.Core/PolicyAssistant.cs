using PolicyBot.Core.Cards;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Language;
using PolicyBot.Core.Matching;

namespace PolicyBot.Core;

/// <summary>PolicyBot's brain behind <see cref="IPolicyAssistant"/>: the current knowledge, the dialog tree, the cards.</summary>
public sealed class PolicyAssistant : IPolicyAssistant
{
    internal const string NotReadyText = "PolicyBot is still loading its policy content. Please try again in a moment.";

    // No card texts without content loaded: the one sentence of this state, in French too.
    internal const string NotReadyTextFrench = "PolicyBot charge encore le contenu des politiques. Réessayez dans un instant.";

    private readonly IKnowledgeSource _knowledge;
    private readonly DialogEngine _dialog;
    private readonly ICardRenderer _cards;

    public PolicyAssistant(IKnowledgeSource knowledge, DialogEngine dialog, ICardRenderer cards)
    {
        _knowledge = knowledge;
        _dialog = dialog;
        _cards = cards;
    }

    public bool IsReady => _knowledge.Current is not null;

    public ValueTask<AssistantReply> ReplyAsync(UserInput input, DialogContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_knowledge.Current is not { } knowledge)
        {
            var french = ReplyLanguage.Choose(input, context, LanguageDetector.FunctionWordsOnly) == Languages.French;
            return ValueTask.FromResult(new AssistantReply([new ReplyMessage(french ? NotReadyTextFrench : NotReadyText)], context));
        }

        var turn = _dialog.Respond(input, context, knowledge);
        var message = _cards.Render(turn.Reply, knowledge);
        return ValueTask.FromResult(new AssistantReply([message], turn.Context, [Describe(turn.Reply, input, knowledge)]));
    }

    /// <summary>What the host logs about the turn: ids, outcome and score, never the user's text.</summary>
    private static AssistantEvent Describe(DialogReply reply, UserInput input, KnowledgeBase knowledge)
    {
        if (reply.Kind == ReplyKind.FeedbackThanks)
        {
            return new FeedbackEvent(reply.Node?.Id, reply.Node?.TopicId, reply.FeedbackRating ?? string.Empty, knowledge.ContentVersion)
            {
                Language = reply.Language,
            };
        }

        if (reply.Kind == ReplyKind.FeedbackCommentThanks)
        {
            return new FeedbackCommentEvent(reply.Node?.Id, reply.Node?.TopicId, knowledge.ContentVersion)
            {
                Language = reply.Language,
            };
        }

        return new TurnEvent(reply.Kind, input.Kind, knowledge.ContentVersion)
        {
            NodeId = reply.Node?.Id,
            TopicId = reply.Node?.TopicId,
            Score = reply.Match?.Score,

            // Suggestions on a fallback come from the meaning stage, whatever the keywords found.
            Path = reply.Suggestions.Count > 0 ? MatchPath.Meaning : reply.Match?.Via,
            Suggestions = [.. reply.Suggestions.Select(s => s.Id)],
            Language = reply.Language,
        };
    }
}
