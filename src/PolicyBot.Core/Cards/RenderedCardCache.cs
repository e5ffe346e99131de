using System.Collections.Concurrent;
using System.Text;
using PolicyBot.Core.Dialog;

namespace PolicyBot.Core.Cards;

/// <summary>
/// Rendered replies, keyed by everything a card shows: most turns are clicks and common questions whose card is the
/// same every time, and expanding a 12 KB template is most of a turn's cost. The key includes the content version
/// and the templates' generation, so an edit is never served stale. Bounded: it is emptied when full.
/// </summary>
internal sealed class RenderedCardCache
{
    internal const int MaxEntries = 4_096;

    private readonly ConcurrentDictionary<string, ReplyMessage> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public ReplyMessage GetOrRender(string key, Func<ReplyMessage> render)
    {
        if (_entries.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var rendered = render();
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = rendered;
        return rendered;
    }

    /// <summary>Every input of the card: kind, language, node, options, suggestions, matched terms or closest example, contact, rating, what's-new year, content and templates.</summary>
    public static string Key(DialogReply reply, string contentVersion, int templateGeneration)
    {
        var key = new StringBuilder(128)
            .Append(contentVersion).Append('|').Append(templateGeneration).Append('|')
            .Append((int)reply.Kind).Append('|').Append(reply.Language).Append('|').Append(reply.Node?.Id).Append('|')
            .Append(reply.OfferContact ? '1' : '0').Append('|').Append(reply.FeedbackRating).Append('|')
            .Append(reply.WhatsNew?.Year).Append(reply.WhatsNew is { Since: true } ? "+" : string.Empty).Append('|');
        foreach (var option in reply.Options)
        {
            key.Append(option.Id).Append(',');
        }

        key.Append('|');
        foreach (var suggestion in reply.Suggestions)
        {
            key.Append(suggestion.Id).Append(',');
        }

        key.Append('|');
        foreach (var term in reply.Match?.MatchedTerms ?? [])
        {
            // Length-prefixed, so no term can imitate the rest of another key.
            key.Append(term.Length).Append(':').Append(term);
        }

        // An answer by meaning names the example phrasing it was closest to.
        key.Append('|').Append(reply.Match?.ClosestExample?.Length ?? -1).Append(':').Append(reply.Match?.ClosestExample);

        return key.ToString();
    }
}
