using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Meaning;

namespace PolicyBot.Core.Tests.Knowledge;

/// <summary>glossary.yaml as the loader reads it, and the gloss of a French question made from it.</summary>
public sealed class GlossaryTests
{
    [Fact]
    public void The_real_glossary_loads_with_French_entries_only_and_every_gloss_is_English_words()
    {
        var glossary = Matching.TestKnowledge.Real.Glossary;

        Assert.True(glossary.Count >= 300, $"{glossary.Count} entries");
        Assert.All(glossary, entry => Assert.Equal("fr", entry.Language));
        Assert.All(glossary, entry => Assert.Matches("^[a-z0-9][a-z0-9 '-]*$", entry.English));
    }

    [Fact]
    public void An_entry_that_is_not_a_pair_names_the_file_line_and_entry()
    {
        using var kb = new TempKnowledge();
        File.WriteAllText(kb.File(KnowledgeLoader.GlossaryFile), "glossary:\n  fr:\n    - [ \"école\", \"school\" ]\n    - [ \"hôpital\" ]\n");

        var result = KnowledgeLoader.LoadDirectory(kb.Path);

        Assert.Null(result.Knowledge);
        var error = Assert.Single(result.Errors, e => e.File == KnowledgeLoader.GlossaryFile);
        Assert.Equal("glossary.fr[1]", error.Field);
        Assert.Equal(4, error.Line);
        Assert.Contains("pair", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_word_twice_with_and_without_accents_is_an_error_naming_the_first()
    {
        using var kb = new TempKnowledge();
        File.WriteAllText(kb.File(KnowledgeLoader.GlossaryFile), "glossary:\n  fr:\n    - [ \"école\", \"school\" ]\n    - [ \"Ecole\", \"college\" ]\n");

        var result = KnowledgeLoader.LoadDirectory(kb.Path);

        var error = Assert.Single(result.Errors, e => e.File == KnowledgeLoader.GlossaryFile);
        Assert.Contains("already glossed by entry 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_glossary_file_the_knowledge_loads_and_French_has_no_gloss()
    {
        using var kb = new TempKnowledge();
        File.Delete(kb.File(KnowledgeLoader.GlossaryFile));

        var knowledge = KnowledgeLoader.LoadDirectory(kb.Path).Knowledge;

        Assert.NotNull(knowledge);
        Assert.Empty(knowledge.Glossary);
        Assert.Null(QuestionGloss.For(knowledge, "fr"));
    }

    [Fact]
    public void A_question_is_glossed_longest_phrase_first_without_function_words_and_keeps_unknown_words()
    {
        var gloss = Gloss(("point de contrôle", "checkpoint"), ("point", "dot"), ("adolescent", "teenager"), ("armé", "armed"));

        var result = gloss.Gloss("Un adolescent armé au point de contrôle de Kaboul, que faire ?");

        Assert.Equal("teenager armed checkpoint kaboul", result.English);
        Assert.Equal(5, result.ContentWords);
        Assert.Equal(4, result.GlossedWords);
    }

    [Fact]
    public void Plurals_feminines_elisions_and_missing_accents_meet_their_entry()
    {
        var gloss = Gloss(("école", "school"), ("armé", "armed"), ("otage", "hostage"));

        var result = gloss.Gloss("des ecoles ARMÉES et l'otage");

        Assert.Equal("school armed hostage", result.English);
        Assert.Equal(1.0, result.Coverage);
    }

    [Fact]
    public void A_conjugated_verb_reaches_its_infinitives_entry_and_an_exact_entry_wins_over_its_stem_mate()
    {
        var gloss = Gloss(("bloquer", "block"), ("recruter", "recruit"), ("viol", "rape"), ("violation", "violation"));

        Assert.Equal("block recruit", gloss.Gloss("ils bloquent et recrutaient").English);
        Assert.Equal("violation rape", gloss.Gloss("une violation, des viols").English);
    }

    [Fact]
    public void English_and_a_question_of_function_words_only_get_no_gloss_worth_reading()
    {
        var knowledge = WithGlossary(("école", "school"));

        Assert.Null(QuestionGloss.For(knowledge, "en"));
        Assert.Equal(0, QuestionGloss.For(knowledge, "fr")!.Gloss("qui doit le faire et quand ?").Coverage);
    }

    private static QuestionGloss Gloss(params (string Text, string English)[] entries) => QuestionGloss.For(WithGlossary(entries), "fr")!;

    private static KnowledgeBase WithGlossary(params (string Text, string English)[] entries)
    {
        var real = Matching.TestKnowledge.Real;
        return new KnowledgeBase(real.Root, real.Facets, real.Synonyms, "test", real.OutOfScopeExamples, [.. entries.Select(e => new GlossaryEntry(e.Text, e.English, "fr"))]);
    }
}
