using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Meaning;

namespace PolicyBot.Infrastructure;

/// <summary>
/// Loads the meaning stage's model in the background once the host has started, so keyword answers are served
/// from the first second; then keeps its index in step with every knowledge reload.
/// </summary>
internal sealed class MeaningStageHostedService(MeaningStage stage, KnowledgeStore store) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (stage.Status == MeaningStageStatus.Off)
        {
            return;
        }

        store.Reloaded += OnReloaded;
        // Yield first: the host finishes starting (and answers) before the model takes a core for a second or two.
        await Task.Yield();
        await stage.LoadAsync(store.Current, stoppingToken).ConfigureAwait(false);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        store.Reloaded -= OnReloaded;
        return base.StopAsync(cancellationToken);
    }

    private void OnReloaded(object? sender, KnowledgeBase knowledge) => stage.Prepare(knowledge);
}
