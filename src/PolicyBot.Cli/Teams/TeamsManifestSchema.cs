using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace PolicyBot.Cli.Teams;

/// <summary>
/// Validates a Teams app manifest, and its language files (localizationInfo), against the official schemas of
/// <see cref="ManifestVersion"/>, committed unmodified in manifests/schemas/ and embedded in the CLI like the rest
/// of manifests/. teams-package and the tests use this one implementation.
/// The files declare draft-04 but use "const" (draft-06) on manifestVersion; JsonSchema.Net does not know draft-04,
/// so an in-memory copy declares draft-07, which is what the authors meant. The files themselves are never edited.
/// </summary>
internal static class TeamsManifestSchema
{
    /// <summary>The manifest version manifests/manifest.template.json is written for; its schemas are in manifests/schemas/.</summary>
    public const string ManifestVersion = "1.17";

    public const string ManifestSchemaFile = $"teams-manifest-{ManifestVersion}.json";

    public const string LocalizationSchemaFile = $"teams-localization-{ManifestVersion}.json";

    private static readonly Lazy<JsonSchema> Schema = new(() => Load(ManifestSchemaFile));

    private static readonly Lazy<JsonSchema> LocalizationSchema = new(() => Load(LocalizationSchemaFile));

    /// <summary>The schema's errors for <paramref name="manifest"/>, "location: keyword: message" each; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(JsonNode manifest) => Evaluate(Schema.Value, manifest);

    /// <summary>The localization schema's errors for a language file (fr.json), "location: keyword: message" each; empty when valid.</summary>
    public static IReadOnlyList<string> LocalizationErrors(JsonNode languageFile) => Evaluate(LocalizationSchema.Value, languageFile);

    /// <summary>
    /// Every schema error of a package's manifest and language files, each prefixed with the file it is in
    /// ("manifest.json /developer/websiteUrl: maxLength: ..."); empty when the package may be written.
    /// </summary>
    public static IReadOnlyList<string> PackageErrors(string manifestJson, IReadOnlyList<(string Name, string Json)> languageFiles)
    {
        ArgumentNullException.ThrowIfNull(languageFiles);
        var errors = Errors(Parse(manifestJson)).Select(e => $"{TeamsPackageWriter.ManifestEntry} {e}").ToList();
        foreach (var (name, json) in languageFiles)
        {
            errors.AddRange(LocalizationErrors(Parse(json)).Select(e => $"{name} {e}"));
        }

        return errors;
    }

    private static JsonNode Parse(string json) =>
        JsonNode.Parse(json) ?? throw new InvalidDataException("The package holds a JSON file that is null.");

    private static List<string> Evaluate(JsonSchema schema, JsonNode instance)
    {
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return result.Details
            .Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{Location(d.InstanceLocation.ToString())}: {e.Key}: {e.Value}"))
            .ToList();
    }

    // The empty JSON pointer is the whole document; say so rather than print nothing.
    private static string Location(string pointer) => pointer.Length == 0 ? "(root)" : pointer;

    private static JsonSchema Load(string fileName)
    {
        var schema = JsonNode.Parse(TeamsAppResources.ReadSchema(fileName))!.AsObject();
        schema["$schema"] = "http://json-schema.org/draft-07/schema#";
        return JsonSchema.FromText(schema.ToJsonString());
    }
}
