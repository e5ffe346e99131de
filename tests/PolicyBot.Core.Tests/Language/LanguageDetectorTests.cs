using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Language;
using PolicyBot.Testing;

namespace PolicyBot.Core.Tests.Language;

public class LanguageDetectorTests
{
    private static readonly KnowledgeBase Knowledge = KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge).Knowledge!;

    [Theory]
    [InlineData("What does the PoC policy require?", "en")]
    [InlineData("who must do what under WPS", "en")]
    [InlineData("Qu'est-ce que la sécurité humaine ?", "fr")]
    [InlineData("c’est quoi la PdC", "fr")]
    [InlineData("la politique PoC", "fr")]
    [InlineData("À qui s'applique-t-elle ?", "fr")]
    [InlineData("quand a-t-elle ete adoptee", "fr")]
    public void A_message_with_enough_function_words_is_clear(string text, string expected) =>
        Assert.Equal(expected, LanguageDetector.FunctionWordsOnly.Detect(text));

    [Theory]
    [InlineData("1")]
    [InlineData("merci")]
    [InlineData("more")]
    [InlineData("PoC?")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("CRSV 1325")]
    public void A_short_or_neutral_message_is_not_clear(string text) =>
        Assert.Null(LanguageDetector.FunctionWordsOnly.Detect(text));

    [Fact]
    public void Elisions_count_for_French_with_either_apostrophe()
    {
        Assert.Equal(2, LanguageDetector.FunctionWordsOnly.Count("l'OTAN d’abord").French);
        Assert.Equal(0, LanguageDetector.FunctionWordsOnly.Count("l'OTAN d’abord").English);
    }

    [Fact]
    public void A_mixed_message_is_not_clear() =>
        Assert.Null(LanguageDetector.FunctionWordsOnly.Detect("what is la politique"));

    [Fact]
    public void The_knowledge_vocabulary_makes_a_message_without_function_words_clear()
    {
        // No function word at all: only the English keywords of the knowledge base tell.
        Assert.Null(LanguageDetector.FunctionWordsOnly.Detect("airstrike civilians casualties"));
        Assert.Equal("en", LanguageDetector.For(Knowledge).Detect("airstrike civilians casualties"));
    }

    [Fact]
    public void The_detector_is_built_once_per_knowledge_snapshot() =>
        Assert.Same(LanguageDetector.For(Knowledge), LanguageDetector.For(Knowledge));
}
