using PolicyBot.Core.Knowledge;
using PolicyBot.Testing;

namespace PolicyBot.Core.Tests.Knowledge;

/// <summary>
/// Every text a card shows, and every node's keywords, given in English must be given in French too: a missing one
/// is an error naming the file, the line and the field (knowledge/README.md, "Checks").
/// </summary>
public sealed class TranslationChecksTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static KnowledgeLoadResult Load(TempKnowledge kb) => KnowledgeLoader.LoadDirectory(kb.Path, Today);

    private static int LineOf(TempKnowledge kb, string file, string text) =>
        File.ReadAllLines(kb.File(file)).ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal)) + 1;

    [Fact]
    public void The_real_knowledge_base_has_every_text_and_keyword_list_in_french() =>
        Assert.DoesNotContain(KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge, Today).Errors, e => e.Message.Contains("French", StringComparison.Ordinal));

    [Theory]
    [InlineData("title: { en: \"Protection of Civilians (PoC)\", fr: \"Protection des civils\" }", "title: { en: \"Protection of Civilians (PoC)\" }", "title")]
    [InlineData("title: { en: \"Protection of Civilians (PoC)\", fr: \"Protection des civils\" }", "title: { en: \"Protection of Civilians (PoC)\", fr: \"  \" }", "title")]
    [InlineData(", fr: \"L’OTAN, dans ses opérations, son entraînement et sa formation\" }", " }", ".who")]
    [InlineData("ref: { en: \"Policy paras 4-5\", fr: \"paragraphes 4 et 5\" }", "ref: { en: \"Policy paras 4-5\" }", ".ref")]
    public void A_text_without_its_french_is_an_error_on_its_line(string oldText, string newText, string field)
    {
        using var kb = new TempKnowledge();
        var file = "protection-of-civilians.yaml";
        var line = LineOf(kb, file, oldText);
        kb.Replace(file, oldText, newText);

        var result = Load(kb);

        Assert.Null(result.Knowledge);
        var error = Assert.Single(result.Errors);
        Assert.Equal((file, line), (error.File, error.Line));
        Assert.EndsWith(field, error.Field, StringComparison.Ordinal);
        Assert.Contains("no French one (fr:)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_given_as_one_string_loads_and_is_shown_as_it_is_in_every_language()
    {
        using var kb = new TempKnowledge();
        kb.Replace("protection-of-civilians.yaml", "ref: { en: \"PoC topic page\", fr: \"Page thématique « La protection des civils »\" }", "ref: \"PoC Policy 2016, para 14\"");

        var result = Load(kb);

        Assert.Empty(result.Errors);
        var reference = Assert.Single(result.Knowledge!.NodesById.Values.SelectMany(n => n.Obligations), o => o.Reference!.Get("en") == "PoC Policy 2016, para 14").Reference!;
        Assert.Equal(("PoC Policy 2016, para 14", "PoC Policy 2016, para 14"), (reference.Get("en"), reference.Get("fr")));
    }

    [Fact]
    public void Keywords_without_french_ones_are_an_error_on_their_line()
    {
        using var kb = new TempKnowledge();
        var file = "children-armed-conflict.yaml";
        var french = "      fr:\n        - { term: \"circuits d'orientation\", weight: 5 }\n        - { term: \"formation en ligne\", weight: 4 }\n";
        // The line where the field's value starts, as for every error on a block (here its "en:").
        var keywordsLine = LineOf(kb, file, "circuits d'orientation") - 4;
        Assert.Equal("      en:", File.ReadAllLines(kb.File(file))[keywordsLine - 1]);
        kb.Replace(file, french, string.Empty);

        var result = Load(kb);

        var error = Assert.Single(result.Errors);
        Assert.Equal((file, keywordsLine), (error.File, error.Line));
        Assert.EndsWith(".keywords", error.Field, StringComparison.Ordinal);
        Assert.Contains("English keywords but no French ones (fr:)", error.Message, StringComparison.Ordinal);
    }
}
