using PolicyBot.Core.Matching;

namespace PolicyBot.Core.Tests.Matching;

public sealed class EnglishStemmerTests
{
    /// <summary>Words and stems from the Snowball project's Porter2 sample vocabulary, and the algorithm's special cases.</summary>
    [Theory]
    [InlineData("consign", "consign")]
    [InlineData("consignment", "consign")]
    [InlineData("consistency", "consist")]
    [InlineData("consistently", "consist")]
    [InlineData("consolation", "consol")]
    [InlineData("consolatory", "consolatori")]
    [InlineData("consolidating", "consolid")]
    [InlineData("consolingly", "consol")]
    [InlineData("conspicuously", "conspicu")]
    [InlineData("conspiracy", "conspiraci")]
    [InlineData("constables", "constabl")]
    [InlineData("constancy", "constanc")]
    [InlineData("knackeries", "knackeri")]
    [InlineData("knightly", "knight")]
    [InlineData("knitting", "knit")]
    [InlineData("knives", "knive")]
    [InlineData("generously", "generous")]
    [InlineData("generate", "generat")]
    [InlineData("communication", "communic")]
    [InlineData("cries", "cri")]
    [InlineData("ties", "tie")]
    [InlineData("dying", "die")]
    [InlineData("skies", "sky")]
    [InlineData("news", "news")]
    [InlineData("hopping", "hop")]
    [InlineData("hoped", "hope")]
    [InlineData("agreed", "agre")]
    [InlineData("feed", "feed")]
    [InlineData("gas", "gas")]
    [InlineData("kiwis", "kiwi")]
    [InlineData("happy", "happi")]
    [InlineData("sized", "size")]
    public void Stems_like_porter2(string word, string stem) => Assert.Equal(stem, EnglishStemmer.Stem(word));

    [Theory]
    [InlineData("civilians", "civilian")]
    [InlineData("protecting", "protect")]
    [InlineData("protection", "protect")]
    [InlineData("trafficking", "traffick")]
    [InlineData("trafficked", "traffick")]
    [InlineData("obligations", "oblig")]
    [InlineData("oblige", "oblig")]
    public void Inflections_of_one_word_meet(string word, string stem) => Assert.Equal(stem, EnglishStemmer.Stem(word));

    [Theory]
    [InlineData("organised", "organized")]
    [InlineData("organisation", "organization")]
    [InlineData("minimise", "minimize")]
    [InlineData("analysed", "analyzed")]
    public void British_ise_spellings_stem_like_american_ize(string british, string american) =>
        Assert.Equal(EnglishStemmer.Stem(american), EnglishStemmer.Stem(british));

    [Theory]
    [InlineData("rise")]
    [InlineData("wise")]
    public void Short_ise_words_are_not_respelt(string word) => Assert.Equal(word, EnglishStemmer.Stem(word));

    [Theory]
    [InlineData("1325")]
    [InlineData("086")]
    [InlineData("décani")]
    [InlineData("is")]
    public void Numbers_non_ascii_and_short_words_are_left_alone(string word) => Assert.Equal(word, EnglishStemmer.Stem(word));
}
