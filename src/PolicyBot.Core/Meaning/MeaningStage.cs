using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Meaning;

public enum MeaningStageStatus
{
    /// <summary><c>Matching:Semantic:Enabled=false</c>.</summary>
    Off,
    Loading,
    Ready,

    /// <summary>The model did not load: the bot answers with the keyword tree alone.</summary>
    Failed,
}

/// <summary>
/// The sentence model and the index of the current knowledge, loaded off the request path: until both are
/// ready (and while a reloaded snapshot's index is being built) questions get the keyword tree alone.
/// </summary>
public sealed partial class MeaningStage : IDisposable
{
    private const int MaxQuestionLength = 1_000;

    private readonly MeaningOptions _options;
    private readonly ILogger<MeaningStage> _logger;
    private readonly Func<ISentenceEmbedder> _createEmbedder;
    private readonly SemaphoreSlim _buildGate = new(1, 1);
    // One index per snapshot, dropped with it: a turn that still holds the old snapshot keeps a matching index.
    private readonly ConditionalWeakTable<KnowledgeBase, MeaningIndex> _indexes = [];
    private readonly ConcurrentDictionary<UInt128, CachedQuestion> _questions = new();
    private ISentenceEmbedder? _embedder;
    private KnowledgeBase? _wanted;
    private volatile MeaningStageStatus _status;

    public MeaningStage(IOptions<MeaningOptions> options, ILogger<MeaningStage> logger, Func<ISentenceEmbedder>? createEmbedder = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _createEmbedder = createEmbedder ?? (() => new MiniLmEmbedder());
        _status = _options.Enabled ? MeaningStageStatus.Loading : MeaningStageStatus.Off;
    }

    public MeaningStageStatus Status => _status;

    /// <summary>Why the model did not load, for the health endpoint and the log.</summary>
    public string? FailureReason { get; private set; }

    public MeaningOptions Options => _options;

    /// <summary>Loads the model, then builds the index of <paramref name="knowledge"/> (or of what <see cref="Prepare"/> asked for since).</summary>
    public async Task LoadAsync(KnowledgeBase? knowledge, CancellationToken cancellationToken)
    {
        if (_status != MeaningStageStatus.Loading)
        {
            return;
        }

        if (knowledge is not null)
        {
            Interlocked.CompareExchange(ref _wanted, knowledge, null);
        }

        try
        {
            var started = TimeProvider.System.GetTimestamp();
            _embedder = await Task.Run(_createEmbedder, cancellationToken).ConfigureAwait(false);
            LogModelLoaded(_embedder.ModelId, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            FailureReason = ex.GetBaseException().Message;
            _status = MeaningStageStatus.Failed;
            LogModelFailed(ex.GetType().Name, FailureReason);
            return;
        }

        if (Volatile.Read(ref _wanted) is { } wanted)
        {
            await BuildAsync(wanted, cancellationToken).ConfigureAwait(false);
        }

        _status = MeaningStageStatus.Ready;
    }

    /// <summary>Loads everything now, on this thread: for the command line, the benchmarks and the tests.</summary>
    public void LoadNow(KnowledgeBase knowledge) => LoadAsync(knowledge, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Builds the index of this snapshot now, unless it has one (the model must be loaded).</summary>
    public MeaningIndex? EnsureIndex(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        if (_status != MeaningStageStatus.Ready)
        {
            return null;
        }

        Volatile.Write(ref _wanted, knowledge);
        BuildAsync(knowledge, CancellationToken.None).GetAwaiter().GetResult();
        return IndexFor(knowledge);
    }

    /// <summary>A new snapshot was loaded: build its index in the background (the old one serves until then).</summary>
    public void Prepare(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var previous = Interlocked.Exchange(ref _wanted, knowledge);
        if (_embedder is null || ReferenceEquals(previous, knowledge) && _indexes.TryGetValue(knowledge, out _))
        {
            return;
        }

        _ = Task.Run(() => BuildAsync(knowledge, CancellationToken.None));
    }

    /// <summary>The index of exactly this snapshot, or null (not ready, off, failed, or still being built).</summary>
    public MeaningIndex? IndexFor(KnowledgeBase knowledge)
    {
        if (_status != MeaningStageStatus.Ready)
        {
            return null;
        }

        if (_indexes.TryGetValue(knowledge, out var index))
        {
            return index;
        }

        if (!ReferenceEquals(Volatile.Read(ref _wanted), knowledge))
        {
            Prepare(knowledge);
        }

        return null;
    }

    /// <summary>
    /// What the English model reads for <paramref name="question"/>: the question itself in English; in another
    /// language its gloss (<see cref="QuestionGloss"/>), when the glossary knows at least
    /// <see cref="MeaningOptions.GlossMinimumCoverage"/> of its content words; otherwise null (the model would read
    /// mostly untranslated words).
    /// </summary>
    public string? EnglishText(string question, KnowledgeBase knowledge, string language)
    {
        if (language == Language.Languages.English)
        {
            return question;
        }

        return QuestionGloss.For(knowledge, language)?.Gloss(question) is { } gloss && gloss.Coverage >= _options.GlossMinimumCoverage ? gloss.English : null;
    }

    /// <summary>The question's vector; null when the model is not loaded.</summary>
    public float[]? Embed(string question, CancellationToken cancellationToken = default) => Cached(question, cancellationToken)?.Vector;

    /// <summary>
    /// The question against every text of <paramref name="index"/>; null when the model is not loaded. A question
    /// asked again (same text, same snapshot) is a look-up: neither the model nor the scoring runs again.
    /// </summary>
    public MeaningScores? Score(string question, MeaningIndex index, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (Cached(question, cancellationToken) is not { } cached)
        {
            return null;
        }

        if (Volatile.Read(ref cached.Scored) is { } scored && ReferenceEquals(scored.Index, index))
        {
            return scored.Scores;
        }

        var scores = index.Score(cached.Vector);
        Volatile.Write(ref cached.Scored, new ScoredQuestion(index, scores));
        return scores;
    }

    private CachedQuestion? Cached(string question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (_embedder is not { } embedder)
        {
            return null;
        }

        var text = question.Length > MaxQuestionLength ? question[..MaxQuestionLength] : question;
        if (_options.QuestionCacheSize == 0)
        {
            return new CachedQuestion(embedder.Embed(text, cancellationToken));
        }

        var key = QuestionKey(text);
        if (_questions.TryGetValue(key, out var cached))
        {
            return cached;
        }

        cached = new CachedQuestion(embedder.Embed(text, cancellationToken));
        if (_questions.Count >= _options.QuestionCacheSize)
        {
            _questions.Clear();
        }

        _questions[key] = cached;
        return cached;
    }

    /// <summary>How many question vectors are cached now (bounded by <see cref="MeaningOptions.QuestionCacheSize"/>).</summary>
    public int CachedQuestions => _questions.Count;

    private static UInt128 QuestionKey(string text)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    private async Task BuildAsync(KnowledgeBase knowledge, CancellationToken cancellationToken)
    {
        await _buildGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A newer snapshot may have been asked for while this build waited: build only the newest.
            if (!ReferenceEquals(Volatile.Read(ref _wanted), knowledge) || _indexes.TryGetValue(knowledge, out _))
            {
                return;
            }

            var started = TimeProvider.System.GetTimestamp();
            var embedder = _embedder!;
            var cache = new EmbeddingCache(_options.ResolvedCachePath, embedder.ModelId, embedder.Dimensions);
            var index = MeaningIndex.Build(knowledge, embedder, cache, cancellationToken);
            _indexes.AddOrUpdate(knowledge, index);
            LogIndexBuilt(knowledge.ContentVersion, index.Count, index.Embedded, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The cache folder is not writable: build without it rather than lose the stage.
            LogCacheUnavailable(_options.ResolvedCachePath, ex.Message);
            TryBuildWithoutCache(knowledge, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never take the host down: that snapshot is answered by the keyword tree alone.
            LogIndexFailed(knowledge.ContentVersion, ex.GetType().Name, ex.Message);
        }
        finally
        {
            _buildGate.Release();
        }
    }

    private void TryBuildWithoutCache(KnowledgeBase knowledge, CancellationToken cancellationToken)
    {
        try
        {
            _indexes.AddOrUpdate(knowledge, MeaningIndex.Build(knowledge, _embedder!, null, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogIndexFailed(knowledge.ContentVersion, ex.GetType().Name, ex.Message);
        }
    }

    /// <summary>A question's vector and its last scores (for one index snapshot; a reload scores it afresh).</summary>
    private sealed class CachedQuestion(float[] vector)
    {
        // Written whole by one reference: a concurrent reader sees the old pair or the new, never half of each.
        public ScoredQuestion? Scored;

        public float[] Vector { get; } = vector;
    }

    private sealed record ScoredQuestion(MeaningIndex Index, MeaningScores Scores);

    public void Dispose()
    {
        _embedder?.Dispose();
        _buildGate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Meaning stage: model {ModelId} loaded in {ElapsedMs:0} ms")]
    private partial void LogModelLoaded(string modelId, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meaning stage: the model did not load ({ExceptionType}: {Reason}); answering with the keyword tree alone")]
    private partial void LogModelFailed(string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meaning stage: index of content version {ContentVersion} ready, {TextCount} texts ({EmbeddedCount} embedded, the rest cached) in {ElapsedMs:0} ms")]
    private partial void LogIndexBuilt(string contentVersion, int textCount, int embeddedCount, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meaning stage: the index of content version {ContentVersion} could not be built ({ExceptionType}: {Reason}); that content is answered by the keyword tree alone")]
    private partial void LogIndexFailed(string contentVersion, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meaning stage: the vector cache at {CachePath} cannot be used ({Reason}); vectors are computed at each start")]
    private partial void LogCacheUnavailable(string cachePath, string reason);
}
