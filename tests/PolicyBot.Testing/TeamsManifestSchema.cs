using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace PolicyBot.Testing;

/// <summary>
/// Validates a Teams app manifest, and its language files (localizationInfo), against the official schemas
/// (../shared/schemas). The files declare draft-04 but the manifest's uses "const" (draft-06) on manifestVersion;
/// JsonSchema.Net does not know draft-04, so an in-memory copy declares draft-07, which is what the authors meant.
/// The files themselves are never edited.
/// </summary>
public static class TeamsManifestSchema
{
    public const string ManifestVersion = "1.17";

    private static readonly Lazy<JsonSchema> Schema = new(() => Load($"teams-manifest-{ManifestVersion}.json"));

    private static readonly Lazy<JsonSchema> LocalizationSchema = new(() => Load($"teams-localization-{ManifestVersion}.json"));

    /// <summary>The schema's errors for <paramref name="manifest"/>, "location: keyword: message" each; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(JsonNode manifest) => Evaluate(Schema.Value, manifest);

    /// <summary>The localization schema's errors for a language file (fr.json), "location: keyword: message" each; empty when valid.</summary>
    public static IReadOnlyList<string> LocalizationErrors(JsonNode languageFile) => Evaluate(LocalizationSchema.Value, languageFile);

    private static List<string> Evaluate(JsonSchema schema, JsonNode instance)
    {
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return result.Details
            .Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
    }

    /// <summary>Throws with every schema error if <paramref name="manifestJson"/> is not a valid manifest.</summary>
    public static void AssertValid(string manifestJson)
    {
        var errors = Errors(JsonNode.Parse(manifestJson) ?? throw new InvalidOperationException("manifest JSON is null"));
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"manifest is not valid against the Teams {ManifestVersion} schema:\n" + string.Join("\n", errors.Take(20)));
        }
    }

    private static JsonSchema Load(string fileName)
    {
        var schema = JsonNode.Parse(File.ReadAllText(RepoPaths.SharedFile("schemas", fileName)))!.AsObject();
        schema["$schema"] = "http://json-schema.org/draft-07/schema#";
        return JsonSchema.FromText(schema.ToJsonString(new JsonSerializerOptions()));
    }
}
