namespace PolicyBot.Core;

/// <summary>
/// Watches a content folder (knowledge/, cards/ and its strings/) and calls back once after a burst of saves has
/// settled, so an editor that writes a file in several steps causes one reload, not several half-way ones.
/// </summary>
public sealed class ContentFolderWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly Timer _debounceTimer;
    private readonly TimeSpan _quietPeriod;
    private readonly string[] _extensions;

    public ContentFolderWatcher(string directory, TimeSpan quietPeriod, Action onSettled, params string[] extensions)
        : this(directory, includeSubdirectories: false, quietPeriod, onSettled, extensions)
    {
    }

    public ContentFolderWatcher(string directory, bool includeSubdirectories, TimeSpan quietPeriod, Action onSettled, params string[] extensions)
    {
        ArgumentNullException.ThrowIfNull(onSettled);
        _quietPeriod = quietPeriod;
        _extensions = extensions;
        _debounceTimer = new Timer(_ => onSettled(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(directory)
        {
            IncludeSubdirectories = includeSubdirectories,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnFileEvent;
        _watcher.Created += OnFileEvent;
        _watcher.Deleted += OnFileEvent;
        _watcher.Renamed += OnFileEvent;
        _watcher.EnableRaisingEvents = true;
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        if (e.Name is not null && _extensions.Any(x => e.Name.EndsWith(x, StringComparison.OrdinalIgnoreCase)))
        {
            _debounceTimer.Change(_quietPeriod, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _debounceTimer.Dispose();
    }
}
