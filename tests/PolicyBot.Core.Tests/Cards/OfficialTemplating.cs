using System.Text.Json.Nodes;
using PolicyBot.Testing;

namespace PolicyBot.Core.Tests.Cards;

/// <summary>
/// Expands templates with the official JavaScript library (npm adaptivecards-templating, tests/js/expand.js),
/// all jobs in one node process. test.sh installs the packages with npm ci.
/// </summary>
internal static class OfficialTemplating
{
    public static IReadOnlyList<(JsonNode? Card, string? Error)> Expand(IReadOnlyList<(JsonNode Template, JsonNode? Data)> jobs)
    {
        var input = new JsonArray([.. jobs.Select(j => (JsonNode)new JsonObject { ["template"] = j.Template.DeepClone(), ["data"] = j.Data?.DeepClone() })]);
        var output = NodeScript.Run("expand.js", "adaptivecards-templating", input.ToJsonString());
        var results = JsonNode.Parse(output)!.AsArray();
        return [.. results.Select(r => (r!["card"]?.DeepClone(), r["error"]?.GetValue<string>()))];
    }
}
