using System.Text.Json.Nodes;

namespace PolicyBot.Core.Knowledge;

/// <summary>Reads synonyms.yaml: per language, groups of words that mean the same; the first is canonical.</summary>
internal static class SynonymReader
{
    public static List<SynonymGroup> Read(ContentDocument document, LoadContext context)
    {
        var result = new List<SynonymGroup>();
        if (document.Root["synonyms"] is not JsonObject byLanguage)
        {
            context.Error(document, string.Empty, "'synonyms' (a map from language to groups) is required");
            return result;
        }

        foreach (var (language, groups) in byLanguage)
        {
            if (groups is not JsonArray list)
            {
                context.Error(document, $"/synonyms/{language}", "must be a list of groups");
                continue;
            }

            for (var i = 0; i < list.Count; i++)
            {
                var words = (list[i] as JsonArray)?.Select(w => w?.ToString() ?? string.Empty).Where(w => w.Trim().Length > 0).ToList();
                if (words is null || words.Count < 2)
                {
                    context.Error(document, $"/synonyms/{language}/{i}", "a group needs at least two entries: the canonical form first, then its variants");
                    continue;
                }

                result.Add(new SynonymGroup(words[0], words.Skip(1).ToList(), language));
            }
        }

        return result;
    }
}
