using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Language;
using PolicyBot.Core.Matching;

namespace PolicyBot.Core.Dialog;

/// <summary>
/// The keyword dialog tree: from a user's input and where the conversation stands to the reply and the new
/// position. Clicks are routed by their payload, then navigation words, then choices among the options just
/// offered, then the matcher; follow-ups ("who does it apply to?") resolve within the topic being discussed.
/// </summary>
public sealed class DialogEngine
{
    internal const int HistoryKept = 10;
    internal const int MissesBeforeContact = 2;

    private readonly IQuestionMatcher _matcher;

    public DialogEngine(IQuestionMatcher matcher) => _matcher = matcher;

    public DialogTurn Respond(UserInput input, DialogContext context, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(knowledge);
        var language = ReplyLanguage.Choose(input, context, LanguageDetector.For(knowledge));
        var turn = input.Kind switch
        {
            UserInputKind.Welcome => Menu(ReplyKind.Welcome, DialogContext.Start, knowledge),
            UserInputKind.Submit => OnSubmit(input, context, knowledge),
            _ => OnText(input.Text, context, knowledge, language),
        };

        // One place carries the language, so every path (start over, back to the menu, what's new) keeps it.
        return new DialogTurn(turn.Reply with { Language = language }, turn.Context with { Language = language });
    }

    private static DialogTurn OnSubmit(UserInput input, DialogContext context, KnowledgeBase knowledge)
    {
        switch (input.Action)
        {
            case SubmitActions.Node when knowledge.Find(input.NodeId) is { IsRoot: false } node:
                return Show(node, null, context, knowledge);
            case SubmitActions.Menu:
                return Menu(ReplyKind.Menu, context, knowledge);
            case SubmitActions.Help:
                return Help(context);
            case SubmitActions.Back:
                return Back(context, knowledge);
            case SubmitActions.Language:
                return SwitchLanguage(context, knowledge);
            case SubmitActions.NoneOfThese:
                return Fallback(null, context, knowledge, countsAsMiss: false);
            case SubmitActions.Feedback when knowledge.Find(input.NodeId) is not null && input.Value is "up" or "down":
                // The card is not repeated; the position does not move.
                return new DialogTurn(new DialogReply(ReplyKind.FeedbackThanks) { Node = knowledge.Find(input.NodeId), FeedbackRating = input.Value }, context);
            case SubmitActions.FeedbackComment when knowledge.Find(input.NodeId) is { } rated:
                // An empty note is fine: the user pressed Send without typing.
                return new DialogTurn(new DialogReply(ReplyKind.FeedbackCommentThanks) { Node = rated }, context);
            default:
                // A stale or foreign button (unknown node id, wrong shape): say so with the menu rather than guess.
                return Fallback(null, context, knowledge, countsAsMiss: false);
        }
    }

    private DialogTurn OnText(string text, DialogContext context, KnowledgeBase knowledge, string language)
    {
        var simplified = NavigationCommands.Simplify(text);
        switch (NavigationCommands.Parse(simplified).Command)
        {
            case NavigationCommand.SwitchLanguage:
                return SwitchLanguage(context, knowledge);
            case NavigationCommand.Help:
                return Help(context);
            case NavigationCommand.Menu:
                return Menu(ReplyKind.Menu, context, knowledge);
            case NavigationCommand.StartOver:
                return Menu(ReplyKind.Menu, DialogContext.Start, knowledge);
            case NavigationCommand.Back:
                return Back(context, knowledge);
            case NavigationCommand.More when Current(context, knowledge) is { } current:
                return Show(NextAfter(current, knowledge), null, context, knowledge);
            case NavigationCommand.Sources when Current(context, knowledge) is { } current:
                return Show(knowledge.FindFacet(current.TopicId, Facet.Documents) ?? current, null, context, knowledge);
        }

        if (PickOffered(simplified, context, knowledge) is { } picked)
        {
            return Show(picked, null, context, knowledge);
        }

        // Before matching: "latest updates" would otherwise match one topic's status by the word "update".
        if (WhatsNewQuestion.Parse(simplified) is { } whatsNew)
        {
            return WhatsNew(whatsNew, context, knowledge);
        }

        var match = _matcher.Match(text, knowledge, language);
        switch (match.Outcome)
        {
            // A follow-up ("who does it apply to?") stays within the topic under discussion, whatever meaning suggests.
            case MatchOutcome.Answer when match.Via == MatchPath.Meaning && FollowUp(match, context, knowledge) is { } followUpFirst:
                return Show(followUpFirst, match with { Via = MatchPath.Keywords, ClosestExample = null }, context, knowledge);
            case MatchOutcome.Answer when match.Node is not null:
                return Show(match.Node, match, context, knowledge);
            case MatchOutcome.Disambiguate:
                var candidates = match.Candidates.Select(c => knowledge.Find(c.TopicId)).OfType<KnowledgeNode>().ToList();
                return new DialogTurn(
                    new DialogReply(ReplyKind.Disambiguation) { Options = candidates, Match = match, EchoedText = text },
                    context with { OfferedNodeIds = candidates.Select(c => c.Id).ToList(), MissesInARow = 0 });
        }

        // "Who does it apply to?" names no topic: answer it within the topic under discussion.
        if (FollowUp(match, context, knowledge) is { } followUp)
        {
            return Show(followUp, match with { Suggestions = [] }, context, knowledge);
        }

        return Fallback(text, context, knowledge, countsAsMiss: true, match.Suggestions);
    }

    private static KnowledgeNode? FollowUp(MatchResult match, DialogContext context, KnowledgeBase knowledge) =>
        match.Facet is { } facet && Current(context, knowledge) is { } under ? knowledge.FindFacet(under.TopicId, facet) : null;

    private static KnowledgeNode? Current(DialogContext context, KnowledgeBase knowledge) =>
        knowledge.Find(context.CurrentNodeId) is { IsRoot: false } node ? node : null;

    /// <summary>A number or a title among the options just offered.</summary>
    private static KnowledgeNode? PickOffered(string simplified, DialogContext context, KnowledgeBase knowledge)
    {
        var offered = context.OfferedNodeIds.Select(knowledge.Find).OfType<KnowledgeNode>().ToList();
        if (offered.Count == 0 || simplified.Length == 0)
        {
            return null;
        }

        if (NavigationCommands.ParseChoice(simplified) is { } number)
        {
            return number >= 1 && number <= offered.Count ? offered[number - 1] : null;
        }

        // A title in either language: the buttons a user copies may be from before a switch.
        return offered.FirstOrDefault(o => Languages.Supported.Any(l => NavigationCommands.Simplify(o.Title.Get(l)) == simplified));
    }

    /// <summary>After "English" / "Français": what was on screen again, in the new language; else the welcome.</summary>
    private static DialogTurn SwitchLanguage(DialogContext context, KnowledgeBase knowledge) =>
        Current(context, knowledge) is { } current
            ? Show(current, null, context, knowledge)
            : Menu(ReplyKind.Welcome, context, knowledge);

    /// <summary>"More": from a topic to its first sub-question, from a sub-question to the next one, then back to the topic.</summary>
    private static KnowledgeNode NextAfter(KnowledgeNode current, KnowledgeBase knowledge)
    {
        var topic = knowledge.Find(current.TopicId) ?? current;
        if (current.IsTopic)
        {
            return topic.Children.Count > 0 ? topic.Children[0] : topic;
        }

        var siblings = topic.Children;
        var index = siblings.ToList().FindIndex(s => s.Id == current.Id);
        return index >= 0 && index + 1 < siblings.Count ? siblings[index + 1] : topic;
    }

    private static DialogTurn Show(KnowledgeNode node, MatchResult? match, DialogContext context, KnowledgeBase knowledge)
    {
        var options = OptionsUnder(node, knowledge);
        var history = context.CurrentNodeId is { } previous && previous != node.Id
            ? context.History.Append(previous).TakeLast(HistoryKept).ToList()
            : context.History.ToList();
        return new DialogTurn(
            new DialogReply(ReplyKind.Node) { Node = node, Match = match, Options = options },
            new DialogContext { CurrentNodeId = node.Id, OfferedNodeIds = options.Select(o => o.Id).ToList(), History = history, MissesInARow = 0 });
    }

    /// <summary>
    /// The sub-questions a node card offers, in button order: the root's topics, a topic's own sub-questions, or a
    /// sub-question's topic and siblings.
    /// </summary>
    public static IReadOnlyList<KnowledgeNode> OptionsUnder(KnowledgeNode node, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(knowledge);
        if (node.IsRoot)
        {
            return knowledge.Topics;
        }

        if (node.IsTopic)
        {
            return node.Children;
        }

        var topic = knowledge.Find(node.TopicId);
        return topic is null ? [] : [topic, .. topic.Children.Where(c => c.Id != node.Id)];
    }

    private static DialogTurn Back(DialogContext context, KnowledgeBase knowledge)
    {
        for (var i = context.History.Count - 1; i >= 0; i--)
        {
            if (knowledge.Find(context.History[i]) is { IsRoot: false } previous)
            {
                var options = OptionsUnder(previous, knowledge);
                return new DialogTurn(
                    new DialogReply(ReplyKind.Node) { Node = previous, Options = options },
                    new DialogContext { CurrentNodeId = previous.Id, OfferedNodeIds = options.Select(o => o.Id).ToList(), History = context.History.Take(i).ToList() });
            }
        }

        return Menu(ReplyKind.Menu, DialogContext.Start, knowledge);
    }

    private static DialogTurn Menu(ReplyKind kind, DialogContext context, KnowledgeBase knowledge) =>
        new(
            new DialogReply(kind) { Node = knowledge.Root, Options = knowledge.Topics },
            context with { OfferedNodeIds = knowledge.Topics.Select(t => t.Id).ToList(), MissesInARow = 0 });

    /// <summary>The timeline across topics; the node shown before it is kept for "back", follow-ups start afresh.</summary>
    private static DialogTurn WhatsNew(WhatsNewRequest request, DialogContext context, KnowledgeBase knowledge)
    {
        var history = context.CurrentNodeId is { } previous
            ? context.History.Append(previous).TakeLast(HistoryKept).ToList()
            : context.History.ToList();
        return new DialogTurn(
            new DialogReply(ReplyKind.WhatsNew) { Node = knowledge.Root, WhatsNew = request },
            new DialogContext { History = history });
    }

    private static DialogTurn Help(DialogContext context) => new(new DialogReply(ReplyKind.Help), context);

    private static DialogTurn Fallback(string? text, DialogContext context, KnowledgeBase knowledge, bool countsAsMiss, IReadOnlyList<KnowledgeNode>? suggestions = null)
    {
        var misses = countsAsMiss ? context.MissesInARow + 1 : context.MissesInARow;
        suggestions ??= [];
        // Numbered as the card shows them: the suggestions first, then the topic menu.
        var offered = suggestions.Concat(knowledge.Topics).Select(n => n.Id).ToList();
        return new DialogTurn(
            new DialogReply(ReplyKind.Fallback) { Options = knowledge.Topics, Suggestions = suggestions, OfferContact = misses >= MissesBeforeContact, EchoedText = text },
            context with { OfferedNodeIds = offered, MissesInARow = misses });
    }
}
