using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PolicyBot.Cli.Teams;

/// <summary>
/// Fills manifests/manifest.template.json: each ${{NAME}} placeholder (the Microsoft 365 Agents Toolkit's
/// notation) inside a JSON string gets its setting. Values are set on parsed JSON, never spliced into text,
/// so a quote in a setting cannot break the manifest.
/// </summary>
internal static partial class TeamsManifestBuilder
{
    // The manifest is a file for Teams, not HTML: apostrophes stay readable instead of \u0027.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyDictionary<string, string> Placeholders(TeamsPackageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TEAMS_APP_ID"] = settings.TeamsAppId,
            ["BOT_ID"] = settings.BotId,
            ["APP_VERSION"] = settings.Version,
            ["DEVELOPER_NAME"] = settings.DeveloperName,
            ["DEVELOPER_WEBSITE_URL"] = settings.WebsiteUrl,
            ["PRIVACY_URL"] = settings.PrivacyUrl,
            ["TERMS_URL"] = settings.TermsUrl,
            ["BOT_DOMAIN"] = settings.ValidDomains[0],
        };
    }

    public static string Build(string templateJson, TeamsPackageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var manifest = JsonNode.Parse(templateJson) as JsonObject
            ?? throw new InvalidDataException("The manifest template is not a JSON object.");
        Fill(manifest, Placeholders(settings));

        // The template names the bot's own domain; the other configured domains follow it.
        if (manifest["validDomains"] is JsonArray validDomains)
        {
            foreach (var domain in settings.ValidDomains.Skip(1))
            {
                validDomains.Add(domain);
            }
        }

        return manifest.ToJsonString(Indented);
    }

    /// <summary>
    /// The language files a manifest names (localizationInfo.additionalLanguages[].file, e.g. "fr.json"), each
    /// checked to be a plain file name at the package's root, since teams-package puts them there.
    /// </summary>
    public static IReadOnlyList<string> LanguageFiles(string manifestJson)
    {
        var languages = (JsonNode.Parse(manifestJson) as JsonObject)?["localizationInfo"]?["additionalLanguages"] as JsonArray ?? [];
        var files = new List<string>();
        foreach (var language in languages)
        {
            var file = language?["file"] is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;
            if (string.IsNullOrWhiteSpace(file) || file != Path.GetFileName(file) || !file.EndsWith(".json", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"localizationInfo.additionalLanguages names '{file}': a language file must be a .json file beside the manifest (e.g. \"fr.json\").");
            }

            files.Add(file);
        }

        return files;
    }

    /// <summary>A language file as the package holds it: parsed (so a broken file stops the package), indented.</summary>
    public static string BuildLanguageFile(string fileName, string json)
    {
        try
        {
            return (JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"manifests/{fileName} must be a JSON object of translated strings."))
                .ToJsonString(Indented);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"manifests/{fileName} is not valid JSON: {e.Message}", e);
        }
    }

    private static void Fill(JsonNode? node, IReadOnlyDictionary<string, string> values)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        obj[name] = Substitute(text, values);
                    }
                    else
                    {
                        Fill(child, values);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        array[i] = Substitute(text, values);
                    }
                    else
                    {
                        Fill(array[i], values);
                    }
                }

                break;
        }
    }

    private static string Substitute(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, match => values.TryGetValue(match.Groups["name"].Value, out var value)
            ? value
            : throw new InvalidDataException($"The manifest template uses {match.Value}, which teams-package has no setting for."));

    [GeneratedRegex(@"\$\{\{(?<name>[A-Z0-9_]+)\}\}")]
    private static partial Regex Placeholder();
}
