namespace PolicyBot.LoadTest.Tests;

/// <summary>The soak's options, and the report file that holds the comparison run and the soak side by side.</summary>
public sealed class SoakSettingsTests
{
    [Fact]
    public void The_soak_defaults_to_a_million_new_conversations_past_a_cap_of_100000()
    {
        var settings = LoadTestSettings.Parse(["--soak"]);

        Assert.True(settings.Soak);
        Assert.Equal(1_000_000, settings.SoakTurns);
        Assert.Equal(100_000, settings.SoakCap);
        Assert.True(settings.SoakWarmupTurns >= settings.SoakCap);
    }

    [Theory]
    [InlineData("--soak-cap", "1000000", "--soak-cap (1000000) must be below --soak-turns")]
    [InlineData("--soak-warmup", "10", "--soak-warmup (10) must be at least --soak-cap")]
    public void A_soak_that_could_not_show_the_store_forgetting_is_refused(string option, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => LoadTestSettings.Parse(["--soak", option, value]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_run_replaces_only_its_own_section_and_an_old_unmarked_report_is_kept_as_the_comparison()
    {
        var withSoak = ReportFile.Merge("### Load run\nold figures\n", ReportFile.SoakSection, "### Soak\nflat");
        var newLoad = ReportFile.Merge(withSoak, ReportFile.LoadSection, "### Load run\nnew figures");
        var newSoak = ReportFile.Merge(newLoad, ReportFile.SoakSection, "### Soak\nstill flat");

        Assert.Equal("<!-- load -->\n### Load run\nold figures\n<!-- /load -->\n\n<!-- soak -->\n### Soak\nflat\n<!-- /soak -->\n", withSoak);
        Assert.Contains("new figures", newLoad, StringComparison.Ordinal);
        Assert.DoesNotContain("old figures", newLoad, StringComparison.Ordinal);
        Assert.Contains("### Soak\nflat", newLoad, StringComparison.Ordinal);
        Assert.Equal("<!-- load -->\n### Load run\nnew figures\n<!-- /load -->\n\n<!-- soak -->\n### Soak\nstill flat\n<!-- /soak -->\n", newSoak);
    }
}
