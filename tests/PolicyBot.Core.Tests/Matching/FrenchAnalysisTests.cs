using PolicyBot.Core.Language;
using PolicyBot.Core.Matching;

namespace PolicyBot.Core.Tests.Matching;

/// <summary>French normalisation (elisions, kept accents) and analysis (folding, the light stemmer, protected words, acronyms, numbers).</summary>
public sealed class FrenchAnalysisTests
{
    private static readonly FrenchAnalyzer Analyzer = new(["unscr", "caafag", "pdc"]);

    [Theory]
    [InlineData("L'OTAN et l’ONU", "otan et onu")]
    [InlineData("Qu'est-ce que la sécurité humaine ?", "est ce que la sécurité humaine")]
    [InlineData("qu’elle s'applique jusqu'à quand, lorsqu'il y a conflit, puisqu’elle est adoptée", "elle applique à quand il y a conflit elle est adoptée")]
    [InlineData("J'ai lu qu'il n'y a pas d'obligation, c'est ça ? m'aider, t'inquiète", "ai lu il y a pas obligation est ça aider inquiète")]
    [InlineData("D’ABORD L’ÉTAT-MAJOR", "abord état major")]
    [InlineData("aujourd'hui", "aujourd hui")]
    [InlineData("l' otan", "l otan")]
    [InlineData("l'", "l")]
    [InlineData("l'1325", "l 1325")]
    [InlineData("SÉCURITÉ HUMAINE, Œuvre, ÇA", "sécurité humaine œuvre ça")]
    [InlineData("traite\u0301", "traité")]
    [InlineData("<at>Bot</at> l'OTAN&nbsp;d&rsquo;abord", "otan abord")]
    public void French_text_drops_elisions_and_keeps_accents(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input, Languages.French));

    [Theory]
    [InlineData("L'OTAN", "lotan")]
    [InlineData("sécurité humaine", "securite humaine")]
    [InlineData("traité", "traite")]
    public void English_text_is_normalised_as_before(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("sécurité", "securite")]
    [InlineData("Sécurités", "securites")]
    [InlineData("êtres", "etres")]
    public void Accents_are_folded_before_stemming_so_unaccented_typing_meets_them(string accented, string unaccented) =>
        Assert.Equal(Stem(unaccented), Stem(TextNormalizer.Normalize(accented, Languages.French)));

    [Theory]
    [InlineData("civil", "civils")]
    [InlineData("enfant", "enfants")]
    [InlineData("conflit", "conflits")]
    [InlineData("humain", "humaine", "humains", "humaines")]
    [InlineData("politique", "politiques")]
    [InlineData("violence", "violences")]
    [InlineData("sexuel", "sexuelle", "sexuelles", "sexuels")]
    [InlineData("obligation", "obligations")]
    [InlineData("culturel", "culturels", "culturelle")]
    public void Inflections_of_one_word_meet(params string[] forms) =>
        Assert.Single(forms.Select(Stem).Distinct());

    [Theory]
    [InlineData("traite", "traite")]
    [InlineData("traites", "traite")]
    [InlineData("traité", "traité")]
    [InlineData("traités", "traité")]
    [InlineData("traitée", "traité")]
    [InlineData("traitement", "traitement")]
    [InlineData("traitements", "traitement")]
    [InlineData("civile", "civile")]
    [InlineData("civiles", "civile")]
    public void Words_whose_accent_or_ending_is_their_meaning_keep_stems_of_their_own(string word, string stem)
    {
        var analyzed = Analyze(word);

        Assert.Equal(stem, analyzed.Stem);
        Assert.True(analyzed.Exact);
    }

    [Fact]
    public void Traite_is_neither_traité_nor_traitement_nor_traiter()
    {
        var stems = new[] { "traite", "traité", "traitement", "traiter" }.Select(Stem).ToList();

        Assert.Equal(stems.Count, stems.Distinct().Count());
    }

    [Theory]
    [InlineData("civils", "civile")]
    [InlineData("soldats", "soldates")]
    [InlineData("adolescents", "adolescentes")]
    public void Words_whose_gender_is_their_meaning_do_not_meet(string word, string other) =>
        Assert.NotEqual(Stem(word), Stem(other));

    [Theory]
    [InlineData("1325")]
    [InlineData("2021")]
    [InlineData("086")]
    [InlineData("j9")]
    [InlineData("unscr")]
    [InlineData("caafag")]
    [InlineData("pdc")]
    public void Numbers_and_the_contents_acronyms_are_not_stemmed(string word) => Assert.Equal(word, Stem(word));

    [Fact]
    public void An_acronym_would_be_stemmed_if_the_content_did_not_write_it_as_one()
    {
        // Why the content's acronyms are protected: the light stemmer takes "unscr" to "unsc" (the Security Council).
        Assert.NotEqual("unscr", Analyze("unscr", new FrenchAnalyzer([])).Stem);
        Assert.Equal("unscr", Stem("unscrs"));
    }

    [Theory]
    [InlineData("PoC", true)]
    [InlineData("CRSV", true)]
    [InlineData("PdC", true)]
    [InlineData("Ok", false)]
    [InlineData("NATO's", false)]
    [InlineData("Policy", false)]
    public void Acronyms_are_recognised_as_the_content_writes_them(string word, bool expected) =>
        Assert.Equal(expected, Acronyms.IsAcronym(word));

    [Theory]
    [InlineData("PoC", true)]
    [InlineData("UNSCR 1325", true)]
    [InlineData("CR-SGBV", true)]
    [InlineData("1325", false)]
    [InlineData("SEA policy", false)]
    [InlineData("Bi-SC Directive 086-005", false)]
    public void Acronym_phrases_are_acronyms_and_numbers_only(string text, bool expected) =>
        Assert.Equal(expected, Acronyms.IsAcronymPhrase(text));

    [Fact]
    public void Function_words_are_seen_folded()
    {
        IReadOnlySet<string> stopWords = FrenchLexicon.StopWords;
        Assert.Contains(Analyze("où").Folded, stopWords);
        Assert.Contains(Analyze("été").Folded, stopWords);
        Assert.DoesNotContain(Analyze("biens").Folded, stopWords);
    }

    private static string Stem(string word) => Analyze(word).Stem;

    private static (string Folded, string Stem, bool Exact) Analyze(string word) => Analyze(word, Analyzer);

    private static (string Folded, string Stem, bool Exact) Analyze(string word, FrenchAnalyzer analyzer)
    {
        var analyzed = analyzer.Analyze(word, new char[MatcherIndex.MaxTokenLength * 2], new char[MatcherIndex.MaxTokenLength * 2]);
        return (analyzed.Folded.ToString(), analyzed.Stem.ToString(), analyzed.Exact);
    }
}
