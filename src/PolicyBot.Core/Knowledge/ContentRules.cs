using System.Text.Json.Nodes;

namespace PolicyBot.Core.Knowledge;

/// <summary>
/// The content owner's rules from content-rules.yaml: phrases about our research that must not reach a card, and
/// the official URL prefixes a document link may use (the fact sheets' URLs; the bot cannot read them at run time).
/// </summary>
public sealed record ContentRules(IReadOnlyList<string> ResearchWording, IReadOnlyList<string> AllowedUrlPrefixes)
{
    /// <summary>No rules file: nothing to compare with, so these two checks are skipped (with a warning).</summary>
    public static ContentRules None { get; } = new([], []);

    /// <summary>The first research phrase found in <paramref name="text"/> (case-insensitive), or null.</summary>
    public string? ResearchPhraseIn(string text) =>
        ResearchWording.FirstOrDefault(phrase => text.Contains(phrase, StringComparison.OrdinalIgnoreCase));

    public bool IsAllowedUrl(string url) =>
        AllowedUrlPrefixes.Any(prefix => url.StartsWith(prefix, StringComparison.Ordinal));
}

/// <summary>A content owner's note (never shown on a card) and where it is, for `validate --notes`.</summary>
public sealed record ContentNote(string File, int Line, string Field, string Text)
{
    public override string ToString() =>
        $"{File}:{Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}: note: {(Field.Length > 0 ? Field + ": " : string.Empty)}{Text}";
}

/// <summary>Reads content-rules.yaml: <c>research-wording</c> (phrases) and <c>allowed-urls</c> (https prefixes).</summary>
internal static class ContentRulesReader
{
    public const string ResearchWordingField = "research-wording";
    public const string AllowedUrlsField = "allowed-urls";

    public static ContentRules Read(ContentDocument document, LoadContext context)
    {
        var wording = ReadList(document, ResearchWordingField, context);
        var prefixes = ReadList(document, AllowedUrlsField, context);
        for (var i = 0; i < prefixes.Count; i++)
        {
            if (!prefixes[i].StartsWith("https://", StringComparison.Ordinal) || !Uri.TryCreate(prefixes[i], UriKind.Absolute, out _))
            {
                context.Error(document, $"/{AllowedUrlsField}/{i}", $"'{prefixes[i]}' is not an https URL prefix (e.g. https://www.nato.int/cps/en/natohq/)");
            }
        }

        return new ContentRules(wording, prefixes);
    }

    private static List<string> ReadList(ContentDocument document, string field, LoadContext context)
    {
        if (document.Root[field] is not JsonArray items || items.Count == 0)
        {
            context.Error(document, string.Empty, $"'{field}' (a list of phrases) is required");
            return [];
        }

        var result = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is JsonValue value && value.ToString().Trim() is { Length: > 0 } text)
            {
                result.Add(text);
            }
            else
            {
                context.Error(document, $"/{field}/{i}", "must be a non-empty text");
            }
        }

        return result;
    }
}
