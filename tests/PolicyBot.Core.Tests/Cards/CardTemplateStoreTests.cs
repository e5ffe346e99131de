using PolicyBot.Core.Cards;
using PolicyBot.Testing;

namespace PolicyBot.Core.Tests.Cards;

public sealed class CardTemplateStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("policybot-cards-").FullName;

    public CardTemplateStoreTests()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Cards, "*.json"))
        {
            File.Copy(file, Path.Combine(_directory, Path.GetFileName(file)));
        }

        Directory.CreateDirectory(Path.Combine(_directory, CardStrings.FolderName));
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Cards, CardStrings.FolderName), "*.json"))
        {
            File.Copy(file, Path.Combine(_directory, CardStrings.FolderName, Path.GetFileName(file)));
        }
    }

    private string StringsFile(string language) => Path.Combine(_directory, CardStrings.FolderName, language + ".json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_repository_templates_all_load()
    {
        var store = new CardTemplateStore(RepoPaths.Cards);
        Assert.All(CardTemplateNames.Required, name => Assert.Equal(name, store.Get(name).Name));
    }

    [Fact]
    public void Invalid_json_is_reported_with_file_line_and_column()
    {
        File.WriteAllText(Path.Combine(_directory, "menu.json"), "{\n  \"type\": \"AdaptiveCard\",\n  \"version\": \"1.5\"\n  \"body\": []\n}");
        var error = Assert.Single(Assert.Throws<CardTemplateException>(() => new CardTemplateStore(_directory)).Errors);
        Assert.EndsWith("menu.json", error.File, StringComparison.Ordinal);
        Assert.Equal(4, error.Line);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_binding_is_reported_with_its_line_and_json_pointer()
    {
        File.WriteAllText(Path.Combine(_directory, "help.json"), """
            {
              "type": "AdaptiveCard",
              "version": "1.5",
              "body": [
                { "type": "TextBlock", "text": "ok" },
                { "type": "TextBlock", "text": "${format(title)}" }
              ]
            }
            """);
        var exception = Assert.Throws<CardTemplateException>(() => new CardTemplateStore(_directory));
        var error = Assert.Single(exception.Errors);
        Assert.Equal("/body/1/text", error.JsonPointer);
        Assert.Equal(6, error.Line);
        Assert.Contains("unknown function 'format'", error.Message, StringComparison.Ordinal);
        Assert.Contains("help.json:6:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_template_and_a_wrong_version_are_both_reported()
    {
        File.Delete(Path.Combine(_directory, "fallback.json"));
        File.WriteAllText(Path.Combine(_directory, "menu.json"), """{"type": "AdaptiveCard", "version": "1.6", "body": []}""");
        var errors = Assert.Throws<CardTemplateException>(() => new CardTemplateStore(_directory)).Errors;
        Assert.Contains(errors, e => e.File.EndsWith("fallback.json", StringComparison.Ordinal) && e.Message.Contains("missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.File.EndsWith("menu.json", StringComparison.Ordinal) && e.JsonPointer == "/version");
    }

    [Fact]
    public void A_broken_reload_keeps_the_last_good_templates_and_a_fixed_one_is_picked_up()
    {
        var store = new CardTemplateStore(_directory);
        var menu = Path.Combine(_directory, "menu.json");
        var good = File.ReadAllText(menu);

        File.WriteAllText(menu, "{ broken");
        Assert.False(store.TryReload(out var errors));
        Assert.Single(errors);
        Assert.Equal("menu", store.Get("menu").Name);

        File.WriteAllText(menu, good.Replace("\"${strings.heading}\"", "\"All ${strings.heading}\"", StringComparison.Ordinal));
        Assert.True(store.TryReload(out errors));
        Assert.Empty(errors);
        var card = store.Get("menu").Expand(System.Text.Json.Nodes.JsonNode.Parse("""{"topicSets": [], "fallbackText": "x", "strings": {"heading": "topics"}}"""))!;
        Assert.Equal("All topics", card["body"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void A_text_missing_in_one_language_names_the_file_and_the_key()
    {
        var french = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(StringsFile("fr")))!.AsObject();
        french["node"]!.AsObject().Remove("sources");
        File.WriteAllText(StringsFile("fr"), french.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

        var exception = Assert.Throws<CardTemplateException>(() => new CardTemplateStore(_directory));

        var error = Assert.Single(exception.Errors);
        Assert.EndsWith(Path.Combine("strings", "fr.json"), error.File, StringComparison.Ordinal);
        Assert.Contains("\"node.sources\" is missing", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
        Assert.Contains("fr.json:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_only_one_language_has_is_refused_as_a_misspelt_key()
    {
        File.WriteAllText(StringsFile("fr"), File.ReadAllText(StringsFile("fr")).Replace("\"sources\":", "\"sourcse\":", StringComparison.Ordinal));

        var errors = Assert.Throws<CardTemplateException>(() => new CardTemplateStore(_directory)).Errors;

        Assert.Contains(errors, e => e.Message.Contains("\"node.sources\" is missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("\"node.sourcse\" is not in en.json", StringComparison.Ordinal) && e.JsonPointer == "/node/sourcse");
    }

    [Fact]
    public void A_translation_must_keep_the_placeholders()
    {
        File.WriteAllText(StringsFile("fr"), File.ReadAllText(StringsFile("fr")).Replace("{date}", "{jour}", StringComparison.Ordinal));

        var error = Assert.Single(Assert.Throws<CardTemplateException>(() => new CardTemplateStore(_directory)).Errors);

        Assert.Equal("/node/checked", error.JsonPointer);
        Assert.Contains("{date}", error.Message, StringComparison.Ordinal);
        Assert.Contains("{jour}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_binding_a_text_that_does_not_exist_is_refused_with_its_place()
    {
        var menu = Path.Combine(_directory, "menu.json");
        File.WriteAllText(menu, File.ReadAllText(menu).Replace("${strings.pick}", "${strings.pik}", StringComparison.Ordinal));

        var error = Assert.Single(Assert.Throws<CardTemplateException>(() => new CardTemplateStore(_directory)).Errors);

        Assert.EndsWith("menu.json", error.File, StringComparison.Ordinal);
        Assert.Equal("/body/1/text", error.JsonPointer);
        Assert.Contains("strings.pik", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_language_file_or_a_key_the_code_needs_is_reported()
    {
        File.Delete(StringsFile("fr"));
        var english = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(StringsFile("en")))!.AsObject();
        english["common"]!.AsObject().Remove("thanks");
        File.WriteAllText(StringsFile("en"), english.ToJsonString());

        var errors = Assert.Throws<CardTemplateException>(() => new CardTemplateStore(_directory)).Errors;

        Assert.Contains(errors, e => e.File.EndsWith("fr.json", StringComparison.Ordinal) && e.Message.Contains("missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.File.EndsWith("en.json", StringComparison.Ordinal) && e.Message.Contains("\"common.thanks\" is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_date_culture_is_refused()
    {
        File.WriteAllText(StringsFile("fr"), File.ReadAllText(StringsFile("fr")).Replace("\"fr-FR\"", "\"xx-NOPE\"", StringComparison.Ordinal));

        var error = Assert.Single(Assert.Throws<CardTemplateException>(() => new CardTemplateStore(_directory)).Errors);

        Assert.Equal("/format/culture", error.JsonPointer);
        Assert.Contains("xx-NOPE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_language_file_on_reload_keeps_the_last_good_texts()
    {
        var store = new CardTemplateStore(_directory);
        File.WriteAllText(StringsFile("fr"), "{ \"node\": ");

        Assert.False(store.TryReload(out var errors));

        Assert.Contains(errors, e => e.File.EndsWith("fr.json", StringComparison.Ordinal));
        Assert.Equal("Sources", store.Strings.For("fr")["node.sources"]);
        Assert.Equal(0, store.Generation);
    }
}
