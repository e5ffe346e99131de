using PolicyBot.Core.Cards;
using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Sharing;

/// <summary>An answer ready to drop into a conversation: what a result list shows of it, and the card itself.</summary>
/// <param name="NodeId">The node shared (a topic or a sub-question).</param>
/// <param name="Title">The node's title.</param>
/// <param name="Summary">One line of its summary, for a result list.</param>
/// <param name="Topic">The title of its topic.</param>
/// <param name="Message">The shareable card and its plain text.</param>
public sealed record SharedAnswer(string NodeId, string Title, string Summary, string Topic, ReplyMessage Message);

/// <summary>How a shared answer is made: its language, and where its "Ask PolicyBot" button leads (null: no button).</summary>
public sealed record ShareRequest(string Language, Uri? AskUrl);

/// <summary>
/// Answers shared into conversations, for a host's message extension and link previews: a search, one node, or the
/// topic of a page the knowledge cites. The host turns them into its channel's shapes.
/// </summary>
public interface IPolicySharing
{
    /// <summary>True once content is loaded.</summary>
    bool IsReady { get; }

    /// <summary>The answers for a search, best first; a blank search lists the topics. Empty until content is loaded.</summary>
    IReadOnlyList<SharedAnswer> Search(string? query, ShareRequest request, int maxResults = PolicySearch.DefaultMaxResults);

    /// <summary>One node's answer; null when the id is not (or no longer) in the knowledge, or is the root.</summary>
    SharedAnswer? Find(string? nodeId, ShareRequest request);

    /// <summary>The answer of the topic that cites the page at <paramref name="url"/>; null when the knowledge cites no such page.</summary>
    SharedAnswer? ForPage(string? url, ShareRequest request);
}

/// <inheritdoc />
public sealed class PolicySharing : IPolicySharing
{
    /// <summary>A result list shows about one line of the summary.</summary>
    internal const int SummaryLength = 140;

    private readonly IKnowledgeSource _knowledge;
    private readonly PolicySearch _search;
    private readonly IShareCardRenderer _cards;

    public PolicySharing(IKnowledgeSource knowledge, PolicySearch search, IShareCardRenderer cards)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(cards);
        _knowledge = knowledge;
        _search = search;
        _cards = cards;
    }

    public bool IsReady => _knowledge.Current is not null;

    public IReadOnlyList<SharedAnswer> Search(string? query, ShareRequest request, int maxResults = PolicySearch.DefaultMaxResults)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_knowledge.Current is not { } knowledge)
        {
            return [];
        }

        return [.. _search.Search(query, knowledge, request.Language, maxResults).Select(node => Share(node, knowledge, request))];
    }

    public SharedAnswer? Find(string? nodeId, ShareRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _knowledge.Current is { } knowledge && knowledge.Find(nodeId) is { IsRoot: false } node ? Share(node, knowledge, request) : null;
    }

    public SharedAnswer? ForPage(string? url, ShareRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_knowledge.Current is not { } knowledge || CitedDocuments.For(knowledge).Find(url) is not { } page)
        {
            return null;
        }

        // A page in French is shared in French, whoever pastes it; an English page in the reader's language.
        return Share(page.Topic, knowledge, page.Language is { } language ? request with { Language = language } : request);
    }

    private SharedAnswer Share(KnowledgeNode node, KnowledgeBase knowledge, ShareRequest request)
    {
        var topic = knowledge.Find(node.TopicId) ?? node;
        var message = _cards.RenderShare(node, knowledge, request.Language, request.AskUrl?.AbsoluteUri);
        return new SharedAnswer(node.Id, node.Title.Get(request.Language), OneLine(node.Summary.Get(request.Language)), topic.Title.Get(request.Language), message);
    }

    /// <summary>The summary's first sentence, cut to about a line.</summary>
    internal static string OneLine(string summary)
    {
        var first = SentenceBreaks.Split(summary.Trim(), 2)[0];
        return CardText.Truncate(first.Trim(), SummaryLength);
    }
}
