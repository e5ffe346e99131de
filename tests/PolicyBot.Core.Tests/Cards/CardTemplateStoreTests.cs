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
    }

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

        File.WriteAllText(menu, good.Replace("\"Topics\"", "\"All topics\"", StringComparison.Ordinal));
        Assert.True(store.TryReload(out errors));
        Assert.Empty(errors);
        var card = store.Get("menu").Expand(System.Text.Json.Nodes.JsonNode.Parse("""{"topicSets": [], "fallbackText": "x"}"""))!;
        Assert.Equal("All topics", card["body"]![0]!["text"]!.GetValue<string>());
    }
}
