using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Tests.Knowledge;

public sealed class KnowledgeStoreTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);

    [Fact]
    public void A_good_edit_is_picked_up_by_the_watcher()
    {
        using var kb = new TempKnowledge();
        using var store = new KnowledgeStore(kb.Path, new FakeLogger<KnowledgeStore>(), TimeSpan.FromMilliseconds(50));
        store.Reload();
        store.StartWatching();
        var before = store.Current!;
        using var reloaded = new ManualResetEventSlim();
        store.Reloaded += (_, _) => reloaded.Set();

        kb.Replace("women-peace-security.yaml", "\norder:", "\n# edited by a policy officer\norder:");

        Assert.True(reloaded.Wait(WaitLimit), "the edit was not reloaded");
        Assert.NotSame(before, store.Current);
        Assert.NotEqual(before.ContentVersion, store.Current!.ContentVersion);
    }

    [Fact]
    public void A_broken_edit_is_refused_with_file_line_and_field_logged_and_the_last_good_content_keeps_serving()
    {
        using var kb = new TempKnowledge();
        var logger = new FakeLogger<KnowledgeStore>();
        using var store = new KnowledgeStore(kb.Path, logger, TimeSpan.FromMilliseconds(50));
        store.Reload();
        var good = store.Current!;

        kb.Replace("protection-of-civilians.yaml", "{ term: \"PoC\", weight: 10 }", "{ term: \"PoC\", weight: 99 }");
        var result = store.Reload();

        Assert.False(result.Succeeded);
        Assert.Same(good, store.Current);
        Assert.Contains(logger.Collector.GetSnapshot(), e => e.Level == LogLevel.Error && e.Message.Contains("protection-of-civilians.yaml:", StringComparison.Ordinal) && e.Message.Contains("weight", StringComparison.Ordinal));
    }

    [Fact]
    public void Before_the_first_load_there_is_no_content()
    {
        using var store = new KnowledgeStore(Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid()), new FakeLogger<KnowledgeStore>());
        Assert.False(store.Reload().Succeeded);
        Assert.Null(store.Current);
    }
}
