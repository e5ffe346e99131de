using System.Text.Json.Nodes;
using PolicyBot.Core.Matching;

namespace PolicyBot.Core.Knowledge;

/// <summary>
/// Reads glossary.yaml: per language, pairs of a word or phrase and its plain English gloss, which the meaning
/// stage (an English model) reads in place of a question asked in that language.
/// </summary>
internal static class GlossaryReader
{
    public static List<GlossaryEntry> Read(ContentDocument document, LoadContext context)
    {
        var result = new List<GlossaryEntry>();
        if (document.Root["glossary"] is not JsonObject byLanguage)
        {
            context.Error(document, string.Empty, "'glossary' (a map from language to [word, English gloss] pairs) is required");
            return result;
        }

        foreach (var (language, entries) in byLanguage)
        {
            if (entries is not JsonArray list)
            {
                context.Error(document, $"/glossary/{language}", "must be a list of [word, English gloss] pairs");
                continue;
            }

            // Two spellings of one word (with and without accents) would gloss the same word twice, perhaps differently.
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                var pair = (list[i] as JsonArray)?.Select(w => (w?.ToString() ?? string.Empty).Trim()).ToList();
                if (pair is not { Count: 2 } || pair.Any(w => w.Length == 0))
                {
                    context.Error(document, $"/glossary/{language}/{i}", "an entry is a pair: [\"word or phrase\", \"English gloss\"], both non-empty");
                    continue;
                }

                var key = TextNormalizer.Fold(pair[0].ToLowerInvariant());
                if (seen.TryGetValue(key, out var first))
                {
                    context.Error(document, $"/glossary/{language}/{i}", $"\"{pair[0]}\" is already glossed by entry {first} of this list");
                    continue;
                }

                seen[key] = i;
                result.Add(new GlossaryEntry(pair[0], pair[1], language));
            }
        }

        return result;
    }
}
