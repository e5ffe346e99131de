using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PolicyBot.Core.Tests.Cards;

/// <summary>JSON with sorted property names and numbers as doubles, so two engines' output compares as text.</summary>
internal static class CanonicalJson
{
    public static string Of(JsonNode? node) => Normalise(node)?.ToJsonString() ?? "null";

    private static JsonNode? Normalise(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Normalise(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Normalise)]),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => JsonValue.Create(double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)),
        _ => node.DeepClone(),
    };
}
