using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace PolicyBot.Testing;

/// <summary>
/// Validates cards against the official Adaptive Card 1.5 schema (../shared/schemas). The schema rejects the
/// Teams root extension "msteams", so an in-memory copy allows it; the file itself is never edited.
/// </summary>
public static class AdaptiveCardSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>Throws with every schema error if <paramref name="cardJson"/> is not a valid Adaptive Card 1.5.</summary>
    public static void AssertValid(string cardJson)
    {
        var node = JsonNode.Parse(cardJson) ?? throw new InvalidOperationException("card JSON is null");
        if (node["type"]?.GetValue<string>() != "AdaptiveCard")
        {
            throw new InvalidOperationException("card type is not AdaptiveCard: " + cardJson[..Math.Min(200, cardJson.Length)]);
        }

        if (node["version"]?.GetValue<string>() != "1.5")
        {
            throw new InvalidOperationException("card version is not 1.5");
        }

        var result = Schema.Value.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var errors = result.Details
                .Where(d => d.HasErrors)
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
                .Take(20);
            throw new InvalidOperationException("card is not a valid Adaptive Card 1.5:\n" + string.Join("\n", errors) + "\n" + cardJson);
        }
    }

    private static JsonSchema Load()
    {
        var schema = JsonNode.Parse(File.ReadAllText(RepoPaths.SharedFile("schemas", "adaptive-card-1.5.json")))!.AsObject();
        schema.Remove("id");
        schema["definitions"]!["AdaptiveCard"]!["properties"]!.AsObject()["msteams"] = new JsonObject { ["type"] = "object" };
        return JsonSchema.FromText(schema.ToJsonString(new JsonSerializerOptions()));
    }
}
