using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PolicyBot.Cli.Teams;
using PolicyBot.Testing;

namespace PolicyBot.Cli.Tests.Teams;

/// <summary>The Teams app in French: localizationInfo names manifests/fr.json, packaged beside the manifest and valid.</summary>
public sealed partial class TeamsLocalizationTests
{
    private static JsonObject French(PackageRun run) => JsonNode.Parse(run.Entry("fr.json"))!.AsObject();

    [Fact]
    public void The_manifest_is_in_English_with_French_in_fr_json()
    {
        using var run = new PackageRun().Run().Succeeded();
        var localization = run.Manifest()["localizationInfo"]!;

        Assert.Equal("en", localization["defaultLanguageTag"]!.GetValue<string>());
        var french = Assert.Single(localization["additionalLanguages"]!.AsArray())!;
        Assert.Equal("fr", french["languageTag"]!.GetValue<string>());
        Assert.Equal("fr.json", french["file"]!.GetValue<string>());
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Manifests, "fr.json")).ReplaceLineEndings().Trim(), System.Text.Encoding.UTF8.GetString(run.Entry("fr.json")).ReplaceLineEndings().Trim());
    }

    [Fact]
    public void The_French_file_validates_against_the_official_localization_schema()
    {
        using var run = new PackageRun().Run().Succeeded();

        Assert.Empty(TeamsManifestSchema.LocalizationErrors(French(run)));
        Assert.Empty(TeamsManifestSchema.Errors(run.Manifest()));
    }

    [Fact]
    public void The_localization_schema_refuses_a_command_title_over_32_characters_and_a_missing_name()
    {
        using var run = new PackageRun().Run().Succeeded();
        var french = French(run);
        french["bots[0].commandLists[0].commands[2].title"] = "Une commande beaucoup trop longue pour Teams";
        french.Remove("name.short");

        var errors = TeamsManifestSchema.LocalizationErrors(french);

        Assert.Contains(errors, e => e.Contains("maxLength", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("required", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_French_string_translates_a_string_of_the_manifest_and_every_one_is_translated()
    {
        using var run = new PackageRun().Run().Succeeded();
        var manifest = run.Manifest();
        var french = French(run);
        var keys = french.Select(p => p.Key).Where(k => k != "$schema").ToList();

        foreach (var key in keys)
        {
            Assert.True(Resolve(manifest, key) is JsonValue, $"fr.json has \"{key}\", which is no string of the manifest");
        }

        var localizable = new List<string> { "name.short", "name.full", "description.short", "description.full" };
        var lists = manifest["bots"]![0]!["commandLists"]!.AsArray();
        for (var i = 0; i < lists.Count; i++)
        {
            for (var j = 0; j < lists[i]!["commands"]!.AsArray().Count; j++)
            {
                localizable.Add($"bots[0].commandLists[{i}].commands[{j}].title");
                localizable.Add($"bots[0].commandLists[{i}].commands[{j}].description");
            }
        }

        var extensions = manifest["composeExtensions"]?.AsArray() ?? [];
        for (var e = 0; e < extensions.Count; e++)
        {
            var commands = extensions[e]!["commands"]!.AsArray();
            for (var c = 0; c < commands.Count; c++)
            {
                localizable.Add($"composeExtensions[{e}].commands[{c}].title");
                localizable.Add($"composeExtensions[{e}].commands[{c}].description");
                for (var p = 0; p < (commands[c]!["parameters"]?.AsArray().Count ?? 0); p++)
                {
                    localizable.Add($"composeExtensions[{e}].commands[{c}].parameters[{p}].title");
                    localizable.Add($"composeExtensions[{e}].commands[{c}].parameters[{p}].description");
                }
            }
        }

        Assert.Empty(localizable.Except(keys));
    }

    [Fact]
    public void French_commands_are_what_the_bot_understands_in_French()
    {
        using var run = new PackageRun().Run().Succeeded();
        var french = French(run);
        var frenchKeywords = TopicIds.ToDictionary(id => id, FrenchKeywords);

        for (var list = 0; list < 3; list++)
        {
            string Title(int command) => french[$"bots[0].commandLists[{list}].commands[{command}].title"]!.GetValue<string>();
            Assert.Equal(("aide", "menu"), (Title(0), Title(1)));

            // Choosing a command sends its title as the message: each must be a French keyword of its topic.
            for (var i = 0; i < TopicIds.Length; i++)
            {
                Assert.True(frenchKeywords[TopicIds[i]].Contains(Title(i + 2), StringComparer.OrdinalIgnoreCase), $"command '{Title(i + 2)}' is not a French keyword of {TopicIds[i]}");
            }
        }
    }

    [Fact]
    public void A_language_file_outside_the_package_root_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => TeamsManifestBuilder.LanguageFiles("""{"localizationInfo": {"defaultLanguageTag": "en", "additionalLanguages": [{"languageTag": "fr", "file": "../fr.json"}]}}"""));
        Assert.Contains("../fr.json", error.Message, StringComparison.Ordinal);
    }

    private static readonly string[] TopicIds =
    [
        "human-security", "protection-of-civilians", "children-armed-conflict", "trafficking-in-human-beings",
        "conflict-related-sexual-violence", "cultural-property-protection", "women-peace-security",
    ];

    /// <summary>A manifest string by its localization key ("name.short", "bots[0].commandLists[1].commands[2].title").</summary>
    private static JsonNode? Resolve(JsonNode manifest, string key)
    {
        JsonNode? node = manifest;
        foreach (Match step in KeyStep().Matches(key))
        {
            node = step.Groups["index"].Success ? node?[int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)] : node?[step.Groups["name"].Value];
        }

        return node;
    }

    /// <summary>The terms under the topic's top-level "keywords: fr:" list.</summary>
    private static List<string> FrenchKeywords(string topicId)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Knowledge, topicId + ".yaml"));
        var start = Array.FindIndex(lines, l => l == "keywords:");
        var french = Array.FindIndex(lines, start, l => l == "  fr:");
        return lines.Skip(french + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal))
            .Select(l => KeywordTerm().Match(l)).Where(m => m.Success).Select(m => m.Groups["term"].Value).ToList();
    }

    [GeneratedRegex(@"(?<name>[A-Za-z$]+)|\[(?<index>\d+)\]")]
    private static partial Regex KeyStep();

    [GeneratedRegex("""term:\s*"(?<term>[^"]+)""")]
    private static partial Regex KeywordTerm();
}
