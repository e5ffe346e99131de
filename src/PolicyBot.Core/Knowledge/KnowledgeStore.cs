using Microsoft.Extensions.Logging;

namespace PolicyBot.Core.Knowledge;

/// <summary>Gives the current knowledge snapshot. Readers never see half an edit: a reload swaps in one step.</summary>
public interface IKnowledgeSource
{
    /// <summary>The last good snapshot, or null until the first successful load.</summary>
    KnowledgeBase? Current { get; }
}

/// <summary>
/// Loads the knowledge folder and reloads it when a file changes. A broken edit is refused with file, line and
/// field in the log, and the last good content keeps serving.
/// </summary>
public sealed partial class KnowledgeStore : IKnowledgeSource, IDisposable
{
    private static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(400);

    private readonly string _directory;
    private readonly ILogger<KnowledgeStore> _logger;
    private readonly TimeSpan _debounce;
    private readonly Lock _reloadLock = new();
    private ContentFolderWatcher? _watcher;
    private KnowledgeBase? _current;

    public KnowledgeStore(string directory, ILogger<KnowledgeStore> logger, TimeSpan? debounce = null)
    {
        _directory = Path.GetFullPath(directory);
        _logger = logger;
        _debounce = debounce ?? DefaultDebounce;
    }

    public KnowledgeBase? Current => Volatile.Read(ref _current);

    public string Directory => _directory;

    /// <summary>Raised after a successful reload (not after a refused one).</summary>
    public event EventHandler<KnowledgeBase>? Reloaded;

    /// <summary>Raised after a refused reload (the previous content, if any, keeps serving).</summary>
    public event EventHandler<KnowledgeLoadResult>? ReloadRefused;

    /// <summary>Loads now; returns the outcome. On failure the previous snapshot, if any, stays current.</summary>
    public KnowledgeLoadResult Reload()
    {
        lock (_reloadLock)
        {
            var result = KnowledgeLoader.LoadDirectory(_directory);
            foreach (var warning in result.Warnings)
            {
                LogContentWarning(warning.File, warning.Line, warning.Field, warning.Message);
            }

            if (result.Knowledge is null)
            {
                foreach (var error in result.Errors)
                {
                    LogContentError(error.File, error.Line, error.Field, error.Message);
                }

                LogReloadRefused(_directory, result.Errors.Count(), Current?.ContentVersion ?? "(none)");
                ReloadRefused?.Invoke(this, result);
                return result;
            }

            Volatile.Write(ref _current, result.Knowledge);
            LogLoaded(_directory, result.Knowledge.Topics.Count, result.Knowledge.NodesById.Count, result.Knowledge.ContentVersion);
            Reloaded?.Invoke(this, result.Knowledge);
            return result;
        }
    }

    /// <summary>Starts watching the folder; a burst of saves becomes one reload after a short quiet period.</summary>
    public void StartWatching()
    {
        if (_watcher is null && System.IO.Directory.Exists(_directory))
        {
            _watcher = new ContentFolderWatcher(_directory, _debounce, () => Reload(), ".yaml", ".yml", ".json");
        }
    }

    public void Dispose() => _watcher?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Knowledge warning {File}:{Line} {Field}: {Problem}")]
    private partial void LogContentWarning(string file, int line, string field, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge edit rejected: {File}:{Line} {Field}: {Problem}")]
    private partial void LogContentError(string file, int line, string field, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge in {Directory} not loaded ({ErrorCount} errors); still serving content version {ContentVersion}")]
    private partial void LogReloadRefused(string directory, int errorCount, string contentVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge loaded from {Directory}: {TopicCount} topics, {NodeCount} nodes, content version {ContentVersion}")]
    private partial void LogLoaded(string directory, int topicCount, int nodeCount, string contentVersion);
}
