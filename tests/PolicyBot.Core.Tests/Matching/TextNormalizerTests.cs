using PolicyBot.Core.Matching;

namespace PolicyBot.Core.Tests.Matching;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("What is PoC?", "what is poc")]
    [InlineData("  PROTECTION   of\tcivilians!!! ", "protection of civilians")]
    [InlineData("Visoki Dečani, café, naïve, Ærø, Straße", "visoki decani cafe naive aero strasse")]
    [InlineData("e\u0301te\u0301", "ete")]
    [InlineData("“Children in Armed Conflict – A Way Forward”", "children in armed conflict a way forward")]
    [InlineData("conflict-related sexual violence", "conflict related sexual violence")]
    [InlineData("NATO's policy; NATO’s policy", "nato policy nato policy")]
    [InlineData("don't", "dont")]
    [InlineData("soldiers' rights", "soldiers rights")]
    [InlineData("<p>What is <b>CRSV</b>?</p>", "what is crsv")]
    [InlineData("<at>Policy Bot</at> what is WPS?", "what is wps")]
    [InlineData("<AT id=\"0\">Policy Bot</AT>&nbsp;who must comply?", "who must comply")]
    [InlineData("Q&amp;A on CPP &#8211; &#x41;&quot;B&quot;", "q a on cpp a b")]
    [InlineData("a < b > c", "a b c")]
    [InlineData("fish &chips; &unknown;", "fish chips unknown")]
    [InlineData("line\u0000one\u0007\r\ntwo", "line one two")]
    [InlineData("UNSCR 1325/1612, 2%", "unscr 1325 1612 2")]
    [InlineData("🙂 emoji 🙂", "emoji")]
    [InlineData("Ελληνικά", "ελληνικα")]
    [InlineData("", "")]
    public void Normalises_case_accents_markup_and_punctuation(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void An_unclosed_mention_drops_only_its_tag()
    {
        Assert.Equal("policy bot what is poc", TextNormalizer.Normalize("<at>Policy Bot what is PoC"));
    }

    [Fact]
    public void Writes_no_further_than_the_buffer()
    {
        var buffer = new char[8];
        var length = TextNormalizer.Normalize("protection of civilians", buffer);

        Assert.Equal("protecti", new string(buffer, 0, length));
    }
}
