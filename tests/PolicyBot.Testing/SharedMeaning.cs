using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Meaning;

namespace PolicyBot.Testing;

/// <summary>
/// One loaded sentence model per test run (loading it takes about two seconds and 250 MB): every test that
/// needs the meaning stage gets a stage over this model, with its own options and vector cache.
/// </summary>
public static class SharedMeaning
{
    private static readonly Lazy<ISentenceEmbedder> LazyEmbedder = new(() => new MiniLmEmbedder());

    public static ISentenceEmbedder Embedder => LazyEmbedder.Value;

    /// <summary>A ready stage over the shared model with the index of <paramref name="knowledge"/> built.</summary>
    public static MeaningStage Stage(KnowledgeBase knowledge, MeaningOptions? options = null)
    {
        options ??= new MeaningOptions();
        if (options.CachePath.Length == 0)
        {
            options.CachePath = Path.Combine(Path.GetTempPath(), "policybot-test-meaning-cache");
        }

        var stage = new MeaningStage(Options.Create(options), NullLogger<MeaningStage>.Instance, () => new Borrowed(Embedder));
        stage.LoadNow(knowledge);
        return stage;
    }

    /// <summary>The shared model, lent: disposing a stage must not unload it for the other tests.</summary>
    private sealed class Borrowed(ISentenceEmbedder inner) : ISentenceEmbedder
    {
        public string ModelId => inner.ModelId;

        public int Dimensions => inner.Dimensions;

        public float[] Embed(string text, CancellationToken cancellationToken) => inner.Embed(text, cancellationToken);

        public void Dispose()
        {
        }
    }
}
