using System.Text.Json;
using PolicyBot.Core.Knowledge;
using PolicyBot.Testing;

namespace PolicyBot.Core.Tests.Knowledge;

public sealed class KnowledgeLoaderTests
{
    private static readonly Facet[] SubQuestions = [Facet.Obligations, Facet.Scope, Facet.Status, Facet.Resolutions, Facet.Documents];

    [Fact]
    public void The_real_knowledge_base_loads_with_exactly_the_evaluation_topic_ids()
    {
        var result = KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge);

        Assert.Empty(result.Errors);
        var knowledge = Assert.IsType<KnowledgeBase>(result.Knowledge);
        var expected = File.ReadAllLines(RepoPaths.SharedFile("eval", "questions.dev.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("topic").GetString()!)
            .Where(t => t is not "none" and not "ambiguous")
            .ToHashSet();
        Assert.Equal(expected.Order(), knowledge.Topics.Select(t => t.Id).Order());
    }

    [Fact]
    public void Every_topic_has_the_five_sub_questions_obligations_sources_and_a_checked_date()
    {
        var knowledge = KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge).Knowledge!;
        foreach (var topic in knowledge.Topics)
        {
            Assert.Equal(SubQuestions, topic.Children.Select(c => c.Facet).Order());
            Assert.All(topic.Children, c => Assert.Equal(topic.Id + "." + c.Facet.ToString().ToLowerInvariant(), c.Id));
            Assert.NotEmpty(topic.Obligations.Concat(topic.Children.SelectMany(c => c.Obligations)));
            Assert.NotNull(topic.Checked);
            Assert.False(string.IsNullOrWhiteSpace(topic.Status.Get()));
            Assert.Contains(topic.Children.SelectMany(c => c.Sources).Concat(topic.Sources), s => s.Url?.Scheme == "https");
        }
    }

    [Fact]
    public void Every_url_in_the_knowledge_base_appears_in_the_fact_sheets()
    {
        var sheets = string.Concat(Directory.GetFiles(Path.Combine(RepoPaths.Shared, "sources")).Select(File.ReadAllText));
        var knowledge = KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge).Knowledge!;
        var urls = knowledge.NodesById.Values.SelectMany(n => n.Sources.Concat(n.Obligations.Select(o => o.Source))).Select(s => s.Url).OfType<Uri>().Distinct();
        Assert.All(urls, url => Assert.Contains(url.OriginalString, sheets, StringComparison.Ordinal));
    }

    [Fact]
    public void Facets_and_synonyms_are_loaded()
    {
        var knowledge = KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge).Knowledge!;
        Assert.Equal(SubQuestions, knowledge.Facets.Select(f => f.Facet).Order());
        Assert.NotEmpty(knowledge.Synonyms);
    }

    [Fact]
    public void A_yaml_syntax_error_names_file_and_line()
    {
        using var kb = new TempKnowledge();
        File.AppendAllText(kb.File("women-peace-security.yaml"), "\nbroken: [unclosed\n");

        var result = KnowledgeLoader.LoadDirectory(kb.Path);

        Assert.Null(result.Knowledge);
        var error = Assert.Single(result.Errors, e => e.File == "women-peace-security.yaml");
        Assert.Contains("YAML syntax", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line > 1);
    }

    [Fact]
    public void A_wrongly_typed_field_names_file_line_and_field()
    {
        using var kb = new TempKnowledge();
        kb.Replace("protection-of-civilians.yaml", "{ term: \"PoC\", weight: 10 }", "{ term: \"PoC\", weight: high }");
        var expectedLine = File.ReadAllLines(kb.File("protection-of-civilians.yaml")).ToList().FindIndex(l => l.Contains("weight: high", StringComparison.Ordinal)) + 1;

        var result = KnowledgeLoader.LoadDirectory(kb.Path);

        Assert.Null(result.Knowledge);
        Assert.Contains(result.Errors, e => e.File == "protection-of-civilians.yaml" && e.Line == expectedLine && e.Field.EndsWith(".weight", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_field_is_named_as_such()
    {
        using var kb = new TempKnowledge();
        kb.Replace("cultural-property-protection.yaml", "\norder:", "\nsumary: { en: \"typo\" }\norder:");

        var result = KnowledgeLoader.LoadDirectory(kb.Path);

        Assert.Contains(result.Errors, e => e.Field == "sumary" && e.Message.Contains("unknown field", StringComparison.Ordinal));
    }

    [Fact]
    public void An_obligation_citing_a_document_that_does_not_exist_is_an_error()
    {
        using var kb = new TempKnowledge();
        var text = File.ReadAllText(kb.File("children-armed-conflict.yaml"));
        // An obligation's source (its "what:" comes first), not the "source:" of a translation note.
        var firstSource = System.Text.RegularExpressions.Regex.Match(text, @"\n    what: .*\n    source: ([a-z0-9-]+)").Groups[1].Value;
        kb.Replace("children-armed-conflict.yaml", "\n    source: " + firstSource + "\n", "\n    source: no-such-document\n");

        var result = KnowledgeLoader.LoadDirectory(kb.Path);

        Assert.Contains(result.Errors, e => e.File == "children-armed-conflict.yaml" && e.Field.EndsWith(".source", StringComparison.Ordinal) && e.Message.Contains("no-such-document", StringComparison.Ordinal));
    }

    [Fact]
    public void A_related_id_that_does_not_exist_is_an_error()
    {
        using var kb = new TempKnowledge();
        kb.Replace("cultural-property-protection.yaml", "\nrelated: [", "\nrelated: [no-such-node, ");

        var result = KnowledgeLoader.LoadDirectory(kb.Path);

        Assert.Contains(result.Errors, e => e.Message.Contains("'no-such-node' is not the id of any node", StringComparison.Ordinal));
    }

    [Fact]
    public void A_topic_file_whose_id_differs_from_its_name_is_refused()
    {
        using var kb = new TempKnowledge();
        kb.Replace("human-security.yaml", "\nid: human-security\n", "\nid: human-safety\n");

        var result = KnowledgeLoader.LoadDirectory(kb.Path);

        Assert.Contains(result.Errors, e => e.File == "human-security.yaml" && e.Field == "id");
    }

    [Fact]
    public void Keywords_claimed_by_two_topics_at_the_same_weight_are_reported_as_warnings()
    {
        var result = KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge);
        Assert.Contains(result.Warnings, w => w.Message.Contains("gender-based violence", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_content_version_changes_with_the_content()
    {
        using var kb = new TempKnowledge();
        var before = KnowledgeLoader.LoadDirectory(kb.Path).Knowledge!.ContentVersion;
        kb.Replace("human-security.yaml", "\norder:", "\n# a comment\norder:");
        Assert.NotEqual(before, KnowledgeLoader.LoadDirectory(kb.Path).Knowledge!.ContentVersion);
    }
}
