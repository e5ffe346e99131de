using PolicyBot.Core;
using PolicyBot.Core.Cards;

namespace PolicyBot.Infrastructure;

/// <summary>Reloads the card templates when a content owner saves one; a broken edit is refused and logged by the store.</summary>
internal sealed class CardTemplateWatcher(CardTemplateStore templates) : IHostedService, IDisposable
{
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(400);
    private ContentFolderWatcher? _watcher;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _watcher = new ContentFolderWatcher(templates.Directory, QuietPeriod, () => templates.TryReload(out _), ".json");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _watcher?.Dispose();
}
