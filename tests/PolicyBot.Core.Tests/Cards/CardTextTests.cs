using PolicyBot.Core.Cards;

namespace PolicyBot.Core.Tests.Cards;

public sealed class CardTextTests
{
    [Theory]
    [InlineData("**x**", @"\*\*x\*\*")]
    [InlineData("[a](b)", @"\[a\](b)")]
    [InlineData("<b>bold</b>", @"\<b\>bold\</b\>")]
    [InlineData("snake_case", @"snake\_case")]
    [InlineData(@"back\slash", @"back\\slash")]
    [InlineData("`code` ~~gone~~", @"\`code\` \~\~gone\~\~")]
    [InlineData("&lt;tag&gt;", @"\&lt;tag\&gt;")]
    [InlineData("line one\n\n- line two\r\n# three", @"line one - line two # three")]
    [InlineData("  plain words  ", "plain words")]
    public void User_text_is_escaped_for_markdown_and_html(string typed, string shown)
    {
        Assert.Equal(shown, CardText.EscapeUserText(typed, 200));
    }

    [Fact]
    public void User_text_is_cut_before_escaping_so_an_escape_is_never_split()
    {
        var escaped = CardText.EscapeUserText(new string('*', 50), 10);
        Assert.Equal(string.Concat(Enumerable.Repeat(@"\*", 9)) + "…", escaped);
    }

    [Fact]
    public void Truncation_never_splits_a_surrogate_pair()
    {
        var cut = CardText.Truncate("ab👍cd", 4);
        Assert.Equal("ab…", cut);
    }

    [Fact]
    public void Invisible_format_characters_are_dropped()
    {
        Assert.Equal("abc", CardText.TruncateUserText("a\u202Eb\u200Bc", 10));
    }

    [Theory]
    [InlineData("2021-02-26", "26 Feb 2021")]
    [InlineData("2022-06", "Jun 2022")]
    [InlineData("2016", "2016")]
    [InlineData("2024-07-10", "10 Jul 2024")]
    [InlineData("", "")]
    public void Knowledge_dates_are_shown_day_month_year(string date, string shown)
    {
        Assert.Equal(shown, CardTestContext.Store.Strings.For("en").PartialDate(date));
    }

    [Fact]
    public void Dates_use_the_invariant_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
            Assert.Equal("1 Mar 2021", CardTestContext.Store.Strings.For("en").Date(new DateOnly(2021, 3, 1)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
