namespace PolicyBot.LoadTest.Tests;

public sealed class LoadTestSettingsTests
{
    [Fact]
    public void Defaults_are_the_full_run()
    {
        var settings = LoadTestSettings.Parse([]);

        Assert.Equal(200, settings.Conversations);
        Assert.Equal([10_000, 100_000], settings.MemoryCheckpoints);
        Assert.Equal("127.0.0.1", settings.Host);
        Assert.True(settings.Build);
        Assert.True(settings.LikeForLike);
        Assert.True(settings.Analytics);
        Assert.Null(settings.OutPath);
    }

    [Fact]
    public void Values_are_read_in_both_spellings()
    {
        var settings = LoadTestSettings.Parse(["--concurrency", "4", "--conversations=20", "--turns", "1_000", "--duration", "2.5", "--memory-turns", "100,1000", "--out", "r.md", "--no-build", "--host", "[::1]"]);

        Assert.Equal(4, settings.Concurrency);
        Assert.Equal(20, settings.Conversations);
        Assert.Equal(1_000, settings.Turns);
        Assert.Equal(TimeSpan.FromSeconds(2.5), settings.Duration);
        Assert.Equal([100, 1_000], settings.MemoryCheckpoints);
        Assert.Equal("r.md", settings.OutPath);
        Assert.False(settings.Build);
        Assert.Equal("::1", settings.Host);
    }

    [Fact]
    public void The_like_for_like_echo_bot_can_be_skipped() => Assert.False(LoadTestSettings.Parse(["--bare-echo-only"]).LikeForLike);

    [Fact]
    public void The_analytics_on_bot_can_be_skipped() => Assert.False(LoadTestSettings.Parse(["--no-analytics"]).Analytics);

    [Fact]
    public void Memory_run_can_be_skipped() => Assert.Empty(LoadTestSettings.Parse(["--memory-turns", "none"]).MemoryCheckpoints);

    [Theory]
    [InlineData("--host", "10.1.2.3", "--host")]
    [InlineData("--host", "bot.example.org", "not a loopback host")]
    [InlineData("--concurrency", "0", "--concurrency")]
    [InlineData("--turns", "many", "got 'many'")]
    [InlineData("--duration", "-3", "--duration")]
    [InlineData("--memory-turns", "100000,10000", "must increase")]
    public void Bad_values_are_refused_naming_the_option(string option, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => LoadTestSettings.Parse([option, value]));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_value_is_named() =>
        Assert.Contains("--out: a value is missing", Assert.Throws<ArgumentException>(() => LoadTestSettings.Parse(["--out"])).Message, StringComparison.Ordinal);

    [Fact]
    public void An_unknown_option_is_named() =>
        Assert.Contains("'--turn'", Assert.Throws<ArgumentException>(() => LoadTestSettings.Parse(["--turn", "5"])).Message, StringComparison.Ordinal);

    [Fact]
    public void Fewer_conversations_than_workers_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => LoadTestSettings.Parse(["--concurrency", "32", "--conversations", "10"]));
        Assert.Contains("--conversations (10) must be at least --concurrency (32)", error.Message, StringComparison.Ordinal);
    }
}
