using PolicyBot.Core;
using PolicyBot.Core.Cards;

namespace PolicyBot.Infrastructure;

/// <summary>
/// Reloads the card templates and their texts (cards/strings) when a content owner saves one; a broken edit is
/// refused and logged by the store.
/// </summary>
internal sealed class CardTemplateWatcher(CardTemplateStore templates) : IHostedService, IDisposable
{
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(400);
    private ContentFolderWatcher? _watcher;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // With subfolders: a language file in cards/strings is part of the same set as the templates.
        _watcher = new ContentFolderWatcher(templates.Directory, includeSubdirectories: true, QuietPeriod, () => templates.TryReload(out _), ".json");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _watcher?.Dispose();
}
