namespace PolicyBot.Analytics.Tests;

/// <summary>What is taken out of a question before it is kept, and what stays because policy questions are about it.</summary>
public sealed class QuestionRedactorTests
{
    public static TheoryData<string, string> Table => new()
    {
        // E-mail addresses
        { "please ask j.doe@hq.example.org about the PoC directive", "please ask [email] about the PoC directive" },
        { "Contact: Anne-Marie.Dupont+wps@mission.example.int.", "Contact: [email]." },
        // Phone numbers: international, local with short groups, with brackets
        { "call me on +32 2 707 41 11 about CRSV", "call me on [phone] about CRSV" },
        { "my number is 0475 12 34 56", "my number is [phone]" },
        { "ring (555) 123-4567 for the gender advisor", "ring [phone] for the gender advisor" },
        { "ring 555-123-4567", "ring [phone]" },
        { "0032 2 707 12 34 is the desk", "[phone] is the desk" },
        // Long digit runs: staff, case and account numbers
        { "my staff number is 88123456, am I covered?", "my staff number is [number], am I covered?" },
        { "case 2024001187 on trafficking", "case [number] on trafficking" },
        // Links with a query string (ids, tokens); a plain link stays
        { "see https://intranet.example.org/case?id=4411&user=jdoe for details", "see [link] for details" },
        { "https://portal.example.org/doc#section-3 says otherwise", "[link] says otherwise" },
        { "is https://www.nato.int/cps/en/natohq/topics_181779.htm current?", "is https://www.nato.int/cps/en/natohq/topics_181779.htm current?" },
        // What policy questions are about stays
        { "what changed since 2021?", "what changed since 2021?" },
        { "what did the 2023-07-12 Vilnius summit decide?", "what did the 2023-07-12 Vilnius summit decide?" },
        { "UNSCR 1325 1820 1888 on sexual violence", "UNSCR 1325 1820 1888 on sexual violence" },
        { "policy of 12/07/2023", "policy of 12/07/2023" },
        { "between 2016-2021 what applied", "between 2016-2021 what applied" },
        { "children in armed conflict", "children in armed conflict" },
        // Spacing is tidied; nothing is left of an empty message
        { "  two\n lines\tof text ", "two lines of text" },
        { "   ", "" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Personal_details_are_taken_out_and_policy_words_stay(string input, string expected) =>
        Assert.Equal(expected, QuestionRedactor.Redact(input));

    [Fact]
    public void A_long_text_is_cut_to_the_limit()
    {
        var redacted = QuestionRedactor.Redact(new string('a', 2_000));

        Assert.Equal(QuestionRedactor.MaxLength + 1, redacted.Length);
        Assert.EndsWith("…", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_empty() => Assert.Equal(string.Empty, QuestionRedactor.Redact(null));
}
