using System.Text.Json.Nodes;

namespace PolicyBot.Core.Knowledge;

/// <summary>
/// Reads out-of-scope.yaml: per language, questions near the domain that no topic answers ("force protection",
/// "data protection", other summit decisions). Same shape as a node's <c>examples</c>.
/// </summary>
internal static class OutOfScopeReader
{
    public static List<ExampleQuestion> Read(ContentDocument document, LoadContext context)
    {
        if (document.Root["examples"] is not JsonObject byLanguage)
        {
            context.Error(document, string.Empty, "'examples' (a map from language to a list of questions) is required");
            return [];
        }

        foreach (var (language, list) in byLanguage)
        {
            if (language.Length != 2 || !language.All(char.IsAsciiLetterLower))
            {
                context.Error(document, $"/examples/{language}", $"'{language}' is not a two-letter language code");
            }
            else if (list is not JsonArray items || items.Any(i => i is not JsonValue value || value.ToString().Trim().Length == 0))
            {
                context.Error(document, $"/examples/{language}", "must be a list of non-empty questions");
            }
        }

        return TopicReader.ReadExamples(byLanguage);
    }
}
