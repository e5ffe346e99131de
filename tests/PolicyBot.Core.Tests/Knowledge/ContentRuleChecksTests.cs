using PolicyBot.Core.Knowledge;
using PolicyBot.Testing;

namespace PolicyBot.Core.Tests.Knowledge;

/// <summary>
/// The content owner's checks beyond the schema (knowledge/README.md, "Checks"): each rule has a fixture that
/// breaks it, so a check that stops working fails here; the real knowledge base passes them all.
/// </summary>
public sealed class ContentRuleChecksTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static KnowledgeLoadResult Load(TempKnowledge kb) => KnowledgeLoader.LoadDirectory(kb.Path, Today);

    private static int LineOf(TempKnowledge kb, string file, string text) =>
        File.ReadAllLines(kb.File(file)).ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal)) + 1;

    [Fact]
    public void The_real_knowledge_base_passes_every_content_rule_without_who_warnings()
    {
        var result = KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge, Today);

        Assert.Empty(result.Errors);
        Assert.DoesNotContain(result.Warnings, w => w.Field.EndsWith(".who", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, w => w.File == KnowledgeLoader.ContentRulesFile);
        Assert.NotEmpty(result.Notes);
        Assert.All(result.Knowledge!.Topics, t => Assert.Equal(new DateOnly(2026, 11, 29), t.Checked));
    }

    [Theory]
    [InlineData("protection-of-civilians.yaml", "\n    ref: { en: \"Policy para 14\", fr: \"paragraphe 14\" }\n", "\n    ref: { en: \"Policy para 14, via a third-party copy on the 9pdf website\", fr: \"paragraphe 14\" }\n", "obligations[0].ref.en")]
    [InlineData("protection-of-civilians.yaml", "\n    ref: { en: \"Policy para 14\", fr: \"paragraphe 14\" }\n", "\n    ref: \"Policy para 14, via a third-party copy on the 9pdf website\"\n", "obligations[0].ref")]
    [InlineData("protection-of-civilians.yaml", "The policy's other paragraphs are not summarised here: read the full text on nato.int.", "Paragraphs 6-13 of the policy were not visible to us.", "nodes[0].summary.en")]
    [InlineData("trafficking-in-human-beings.yaml", "with an update under way.\", fr:", "with an update under way (seed page).\", fr:", "changes[0].text.en")]
    [InlineData("human-security.yaml", "title: '\"Human Security\" topic page (version of 30 August 2024)'", "title: '\"Human Security\" topic page (NATO original not seen)'", "documents[2].title")]
    [InlineData("protection-of-civilians.yaml", "fr: \"Protection des civils\" }", "fr: \"Protection des civils (lue dans une copie de tiers)\" }", "title.fr")]
    public void Research_wording_on_a_card_visible_text_is_an_error_with_file_and_line(string file, string oldText, string newText, string field)
    {
        using var kb = new TempKnowledge();
        kb.Replace(file, oldText, newText);
        var line = LineOf(kb, file, newText.Trim('\n').Trim());

        var result = Load(kb);

        Assert.Null(result.Knowledge);
        var error = Assert.Single(result.Errors);
        Assert.Equal((file, line, field), (error.File, error.Line, error.Field));
        Assert.Contains("about our research", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Research_wording_in_a_note_is_fine()
    {
        using var kb = new TempKnowledge();
        kb.Replace("cultural-property-protection.yaml", "\n    ref: { en: \"CPP topic page (example from operations)\", fr: \"Page thématique sur la protection des biens culturels (exemple tiré des opérations)\" }\n", "\n    ref: { en: \"CPP topic page (example from operations)\", fr: \"Page thématique sur la protection des biens culturels (exemple tiré des opérations)\" }\n    note: \"read via a third-party copy on the 9pdf website; not visible to us on nato.int\"\n");

        var result = Load(kb);

        Assert.Empty(result.Errors);
        Assert.Contains(result.Notes, n => n.File == "cultural-property-protection.yaml" && n.Field == "obligations[2].note" && n.Text.Contains("9pdf", StringComparison.Ordinal));
    }

    [Fact]
    public void The_research_wording_list_is_the_content_owners_to_extend()
    {
        using var kb = new TempKnowledge();
        Assert.Empty(Load(kb).Errors);
        kb.Replace(KnowledgeLoader.ContentRulesFile, "research-wording:\n", "research-wording:\n  - \"zero tolerance\"\n");

        var result = Load(kb);

        Assert.Contains(result.Errors, e => e.File == "trafficking-in-human-beings.yaml" && e.Message.Contains("“zero tolerance”", StringComparison.Ordinal));
    }

    [Fact]
    public void An_obligation_without_a_source_is_an_error_on_its_line()
    {
        using var kb = new TempKnowledge();
        kb.Replace("cultural-property-protection.yaml", "comme l'exige son mandat.\" }\n    source: cpp-topic-page\n", "comme l'exige son mandat.\" }\n");
        var line = LineOf(kb, "cultural-property-protection.yaml", "who: { en: \"KFOR");

        var result = Load(kb);

        Assert.Null(result.Knowledge);
        Assert.Contains(result.Errors, e => e.File == "cultural-property-protection.yaml" && e.Line == line && e.Message.Contains("source", StringComparison.Ordinal));
    }

    [Fact]
    public void A_change_dated_after_the_checked_date_is_an_error_on_the_change_and_on_checked()
    {
        using var kb = new TempKnowledge();
        kb.Replace("children-armed-conflict.yaml", "checked: \"2026-11-29\"", "checked: \"2023-07-01\"");
        var changeLine = LineOf(kb, "children-armed-conflict.yaml", "  - date: \"2023-07-12\"");
        var checkedLine = LineOf(kb, "children-armed-conflict.yaml", "checked: \"2023-07-01\"");

        var result = Load(kb);

        Assert.Null(result.Knowledge);
        Assert.Contains(result.Errors, e => e.Line == changeLine && e.Field == "changes[1].date" && e.Message.Contains("after the topic's checked date 2023-07-01", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Line == checkedLine && e.Field == "checked" && e.Message.Contains("older than the newest", StringComparison.Ordinal));
    }

    [Fact]
    public void A_checked_date_older_than_the_newest_document_is_an_error()
    {
        using var kb = new TempKnowledge();
        kb.Replace("women-peace-security.yaml", "  - date: \"2024-07-10\"\n", "  - date: \"2022-06\"\n");
        kb.Replace("women-peace-security.yaml", "checked: \"2026-11-29\"", "checked: \"2024-01-01\"");

        var result = Load(kb);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("women-peace-security.yaml", "checked"), (error.File, error.Field));
        Assert.Contains("newest document dated 2024-07-10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checked_date_in_the_future_or_missing_is_an_error()
    {
        using var kb = new TempKnowledge();
        kb.Replace("human-security.yaml", "checked: \"2026-11-29\"", "checked: \"2099-01-01\"");
        kb.Replace("protection-of-civilians.yaml", "checked: \"2026-11-29\"\n", string.Empty);

        var result = Load(kb);

        Assert.Contains(result.Errors, e => e.File == "human-security.yaml" && e.Field == "checked" && e.Message.Contains("in the future", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.File == "protection-of-civilians.yaml" && e.Message.Contains("checked", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://www.nato.int/cps/en/natohq/topics_135998.htm", "https://www.example.org/poc.htm")]
    [InlineData("https://www.nato.int/cps/en/natohq/topics_135998.htm", "https://www.nato.int/cps/de/natohq/topics_135998.htm")]
    public void A_url_off_the_allow_list_is_an_error_on_its_line(string allowed, string other)
    {
        using var kb = new TempKnowledge();
        kb.Replace("protection-of-civilians.yaml", allowed, other);
        var line = LineOf(kb, "protection-of-civilians.yaml", other);

        var result = Load(kb);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("protection-of-civilians.yaml", line), (error.File, error.Line));
        Assert.EndsWith(".url", error.Field, StringComparison.Ordinal);
        Assert.Contains("allow-list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_allow_list_entry_that_is_not_an_https_prefix_is_an_error()
    {
        using var kb = new TempKnowledge();
        kb.Replace(KnowledgeLoader.ContentRulesFile, "allowed-urls:\n", "allowed-urls:\n  - \"http://www.nato.int/\"\n");

        var result = Load(kb);

        Assert.Contains(result.Errors, e => e.File == KnowledgeLoader.ContentRulesFile && e.Field == "allowed-urls[0]");
    }

    [Fact]
    public void A_who_that_is_only_NATO_is_a_warning_not_an_error()
    {
        using var kb = new TempKnowledge();
        kb.Replace("women-peace-security.yaml", "\n  - who: { en: \"NATO's civilian and military structures, with partners (Action Plan 2021-2025)\",", "\n  - who: { en: \"NATO.\",");
        var line = LineOf(kb, "women-peace-security.yaml", "  - who: { en: \"NATO.\",");

        var result = Load(kb);

        Assert.NotNull(result.Knowledge);
        var warning = Assert.Single(result.Warnings, w => w.Field.EndsWith(".who", StringComparison.Ordinal));
        Assert.Equal(("women-peace-security.yaml", line, "obligations[2].who"), (warning.File, warning.Line, warning.Field));
    }

    [Fact]
    public void Notes_are_listed_with_file_line_and_field_and_never_reach_a_card_text()
    {
        using var kb = new TempKnowledge();
        var result = Load(kb);

        var note = Assert.Single(result.Notes, n => n.Text.StartsWith("Seen at ?selectedLocale=en.", StringComparison.Ordinal));
        Assert.Equal(("human-security.yaml", LineOf(kb, "human-security.yaml", "note: \"Seen at ?selectedLocale=en.\""), "documents[2].note"), (note.File, note.Line, note.Field));
        var obligation = result.Knowledge!.Find("protection-of-civilians")!.Obligations[0];
        Assert.Contains("9pdf", obligation.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("9pdf", obligation.Reference!.Get(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_rules_file_the_two_list_checks_are_skipped_with_a_warning()
    {
        using var kb = new TempKnowledge();
        File.Delete(kb.File(KnowledgeLoader.ContentRulesFile));
        kb.Replace("protection-of-civilians.yaml", "https://www.nato.int/cps/en/natohq/topics_135998.htm", "https://www.example.org/poc.htm");

        var result = Load(kb);

        Assert.NotNull(result.Knowledge);
        Assert.Contains(result.Warnings, w => w.File == KnowledgeLoader.ContentRulesFile);
    }
}
