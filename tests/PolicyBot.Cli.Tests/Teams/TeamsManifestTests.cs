using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PolicyBot.Cli.Teams;
using PolicyBot.Testing;

namespace PolicyBot.Cli.Tests.Teams;

public sealed partial class TeamsManifestTests
{
    private static readonly string[] TopicIds =
    [
        "human-security",
        "protection-of-civilians",
        "children-armed-conflict",
        "trafficking-in-human-beings",
        "conflict-related-sexual-violence",
        "cultural-property-protection",
        "women-peace-security",
    ];

    [Fact]
    public void Generated_manifest_validates_against_the_official_1_17_schema()
    {
        using var run = new PackageRun().Run().Succeeded();
        var manifest = run.Manifest();

        Assert.Empty(TeamsManifestSchema.Errors(manifest));
        Assert.Equal(TeamsManifestSchema.ManifestVersion, manifest["manifestVersion"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("1.16")]
    [InlineData("1.30")]
    [InlineData("devPreview")]
    public void The_schema_rejects_another_manifestVersion(string manifestVersion)
    {
        using var run = new PackageRun().Run().Succeeded();
        var manifest = run.Manifest();
        manifest["manifestVersion"] = manifestVersion;

        var errors = TeamsManifestSchema.Errors(manifest);

        Assert.Contains(errors, e => e.Contains("/manifestVersion", StringComparison.Ordinal) && e.Contains("const", StringComparison.Ordinal));
    }

    [Fact]
    public void The_schema_rejects_an_eleventh_command()
    {
        using var run = new PackageRun().Run().Succeeded();
        var manifest = run.Manifest();
        var commands = manifest["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray();
        while (commands.Count <= 10)
        {
            commands.Add(new JsonObject { ["title"] = "extra", ["description"] = "one too many" });
        }

        Assert.Contains(TeamsManifestSchema.Errors(manifest), e => e.Contains("commands", StringComparison.Ordinal) && e.Contains("maxItems", StringComparison.Ordinal));
    }

    [Fact]
    public void The_message_extension_has_one_search_command_with_its_parameter_for_the_bot()
    {
        using var run = new PackageRun().Run().Succeeded();
        var extension = run.Manifest()["composeExtensions"]!.AsArray().Single()!;

        Assert.Equal(PackageRun.BotId, extension["botId"]!.GetValue<string>());
        var command = extension["commands"]!.AsArray().Single()!;
        Assert.Equal("findPolicy", command["id"]!.GetValue<string>());
        Assert.Equal("query", command["type"]!.GetValue<string>());
        Assert.Equal("Find a policy", command["title"]!.GetValue<string>());
        Assert.True(command["initialRun"]!.GetValue<bool>());
        Assert.Equal(["compose", "commandBox"], command["context"]!.AsArray().Select(c => c!.GetValue<string>()));
        var parameter = command["parameters"]!.AsArray().Single()!;
        Assert.Equal("query", parameter["name"]!.GetValue<string>());
        Assert.Equal("text", parameter["inputType"]!.GetValue<string>());
    }

    [Fact]
    public void Links_to_www_nato_int_are_handed_to_the_bot_for_their_preview()
    {
        using var run = new PackageRun().Run().Succeeded();
        var handler = run.Manifest()["composeExtensions"]![0]!["messageHandlers"]!.AsArray().Single()!;

        Assert.Equal("link", handler["type"]!.GetValue<string>());
        Assert.Equal(["www.nato.int"], handler["value"]!["domains"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Theory]
    [InlineData("title", 33)]
    [InlineData("description", 129)]
    public void The_schema_holds_the_search_command_to_Teams_limits(string field, int length)
    {
        using var run = new PackageRun().Run().Succeeded();
        var manifest = run.Manifest();
        Assert.True(manifest["composeExtensions"]![0]!["commands"]![0]![field]!.GetValue<string>().Length < length);
        manifest["composeExtensions"]![0]!["commands"]![0]![field] = new string('x', length);

        Assert.Contains(TeamsManifestSchema.Errors(manifest), e => e.Contains("/composeExtensions/0/commands/0/" + field, StringComparison.Ordinal) && e.Contains("maxLength", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_fill_every_placeholder()
    {
        using var run = new PackageRun().Run().Succeeded();
        var manifest = run.Manifest();
        var text = manifest.ToJsonString();

        Assert.DoesNotContain("${{", text, StringComparison.Ordinal);
        Assert.Equal(PackageRun.TeamsAppId, manifest["id"]!.GetValue<string>());
        Assert.Equal("1.2.3", manifest["version"]!.GetValue<string>());
        Assert.Equal(PackageRun.BotId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        var developer = manifest["developer"]!;
        Assert.Equal("NATO Human Security Unit", developer["name"]!.GetValue<string>());
        Assert.Equal("https://policybot.example.org", developer["websiteUrl"]!.GetValue<string>());
        Assert.Equal("https://policybot.example.org/privacy", developer["privacyUrl"]!.GetValue<string>());
        Assert.Equal("https://policybot.example.org/terms", developer["termsOfUseUrl"]!.GetValue<string>());
        Assert.Equal(["policybot.example.org", "www.nato.int"], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public void Bot_is_conversational_in_all_three_scopes_without_files()
    {
        using var run = new PackageRun().Run().Succeeded();
        var bot = run.Manifest()["bots"]!.AsArray().Single()!;

        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.False(bot["supportsFiles"]!.GetValue<bool>());
        Assert.False(bot["isNotificationOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void Each_scope_has_help_menu_and_a_command_per_topic_that_the_topic_keywords_match()
    {
        using var run = new PackageRun().Run().Succeeded();
        var commandLists = run.Manifest()["bots"]![0]!["commandLists"]!.AsArray();
        var keywordsByTopic = TopicIds.ToDictionary(id => id, TopicKeywords);

        Assert.Equal(["personal", "team", "groupChat"], commandLists.Select(l => l!["scopes"]!.AsArray().Single()!.GetValue<string>()));
        foreach (var list in commandLists)
        {
            var titles = list!["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()).ToList();
            Assert.Equal(2 + TopicIds.Length, titles.Count);
            Assert.Equal(["help", "menu"], titles.Take(2));

            // Choosing a command sends its title as the message: each must be a keyword of one topic, in menu order.
            var topicTitles = titles.Skip(2).ToList();
            for (var i = 0; i < TopicIds.Length; i++)
            {
                Assert.True(
                    keywordsByTopic[TopicIds[i]].Contains(topicTitles[i], StringComparer.OrdinalIgnoreCase),
                    $"command '{topicTitles[i]}' is not a keyword of {TopicIds[i]}");
            }
        }
    }

    [Fact]
    public void Descriptions_say_what_the_bot_answers_and_that_sources_are_linked()
    {
        using var run = new PackageRun().Run().Succeeded();
        var description = run.Manifest()["description"]!;
        var full = description["full"]!.GetValue<string>();

        Assert.Contains("Human Security", description["short"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("sources", description["short"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("links the official NATO source documents", full, StringComparison.Ordinal);
        foreach (var topic in new[] { "Protection of Civilians", "Children and Armed Conflict", "Trafficking in Human Beings", "Conflict-Related Sexual Violence", "Cultural Property Protection", "Women, Peace and Security" })
        {
            Assert.Contains(topic, full, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_template_placeholder_without_a_setting_is_an_error_naming_it()
    {
        var settings = new TeamsPackageSettings(PackageRun.TeamsAppId, PackageRun.BotId, "1.0.0", "Dev", "https://a.example", "https://a.example/p", "https://a.example/t", ["a.example"]);

        var error = Assert.Throws<InvalidDataException>(() => TeamsManifestBuilder.Build("""{"name": {"short": "${{APP_NAME_SUFFIX}}"}}""", settings));

        Assert.Contains("${{APP_NAME_SUFFIX}}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_in_a_setting_stays_inside_its_string()
    {
        var settings = new TeamsPackageSettings(PackageRun.TeamsAppId, PackageRun.BotId, "1.0.0", "Dev \"Q\", Inc", "https://a.example", "https://a.example/p", "https://a.example/t", ["a.example"]);

        var manifest = JsonNode.Parse(TeamsManifestBuilder.Build(TeamsAppResources.ReadTemplate(), settings))!;

        Assert.Equal("Dev \"Q\", Inc", manifest["developer"]!["name"]!.GetValue<string>());
        Assert.Empty(TeamsManifestSchema.Errors(manifest));
    }

    private static List<string> TopicKeywords(string topicId)
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Knowledge, topicId + ".yaml"));
        return KeywordTerm().Matches(yaml).Select(m => m.Groups["term"].Value).ToList();
    }

    [GeneratedRegex("""term:\s*"(?<term>[^"]+)""")]
    private static partial Regex KeywordTerm();
}
