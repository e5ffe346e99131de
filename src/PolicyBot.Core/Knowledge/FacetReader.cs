using System.Text.Json.Nodes;

namespace PolicyBot.Core.Knowledge;

/// <summary>Reads facets.yaml: the kinds of sub-question and the words that ask for them.</summary>
internal static class FacetReader
{
    public static List<FacetDefinition> Read(ContentDocument document, LoadContext context)
    {
        var result = new List<FacetDefinition>();
        if (document.Root["facets"] is not JsonArray facets)
        {
            context.Error(document, string.Empty, "'facets' (a list) is required");
            return result;
        }

        for (var i = 0; i < facets.Count; i++)
        {
            if (facets[i] is not JsonObject item || !Enum.TryParse<Facet>(item["facet"]?.ToString(), ignoreCase: true, out var facet) || facet == Facet.Overview)
            {
                context.Error(document, $"/facets/{i}/facet", "must be one of: obligations, scope, status, resolutions, documents");
                continue;
            }

            if (result.Any(f => f.Facet == facet))
            {
                context.Error(document, $"/facets/{i}/facet", $"the facet '{facet}' is defined twice");
                continue;
            }

            var label = TopicReader.Localized(item["label"]);
            if (label.IsEmpty)
            {
                context.Error(document, $"/facets/{i}/label", "a label with at least 'en' is required");
            }

            result.Add(new FacetDefinition(facet, label, TopicReader.ReadKeywords(item["keywords"])));
        }

        return result;
    }
}
