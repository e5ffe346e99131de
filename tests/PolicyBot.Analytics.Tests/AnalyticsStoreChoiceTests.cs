using PolicyBot.Testing;

namespace PolicyBot.Analytics.Tests;

/// <summary>Which store the settings come to, the same rule for the host's start-up check and the CLI.</summary>
public sealed class AnalyticsStoreChoiceTests
{
    [Theory]
    [InlineData("Auto", "Memory", AnalyticsOptions.SqliteStore)]
    [InlineData("Auto", "Redis", AnalyticsOptions.RedisStore)]
    [InlineData("sqlite", "Redis", AnalyticsOptions.SqliteStore)]
    [InlineData("Off", "Redis", AnalyticsOptions.NoStore)]
    public void Auto_follows_the_conversation_storage_and_an_explicit_store_wins(string store, string provider, string expected)
    {
        var (choice, errors) = AnalyticsStoreChoice.Resolve(new AnalyticsOptions { Store = store }, provider, "localhost:6379");

        Assert.Empty(errors);
        Assert.Equal(expected, choice!.Kind);
    }

    [Fact]
    public void A_relative_file_from_a_clone_is_under_the_repository_root_whatever_folder_the_process_starts_in()
    {
        var name = $"data/choice-{Guid.NewGuid():N}.db";

        Assert.Equal(Path.Combine(RepoPaths.Root, "data", Path.GetFileName(name)), AnalyticsStoreChoice.SqliteFile(name));
        Assert.Equal("/srv/policybot/a.db", AnalyticsStoreChoice.SqliteFile("/srv/policybot/a.db"));
    }

    [Fact]
    public void Every_bad_setting_is_named_at_once()
    {
        var (choice, errors) = AnalyticsStoreChoice.Resolve(new AnalyticsOptions { QueueCapacity = 10, BatchSize = 0 }, "Memory", null);

        Assert.Null(choice);
        Assert.Contains(errors, e => e.StartsWith("Analytics:QueueCapacity: '10'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Analytics:BatchSize: '0'", StringComparison.Ordinal));
    }
}
