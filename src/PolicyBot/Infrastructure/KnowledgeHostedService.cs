using PolicyBot.Core.Knowledge;

namespace PolicyBot.Infrastructure;

/// <summary>Loads the knowledge base before the host starts serving, then watches it for edits.</summary>
internal sealed partial class KnowledgeHostedService(KnowledgeStore store, ILogger<KnowledgeHostedService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var result = store.Reload();
        if (!result.Succeeded)
        {
            // The host still starts (health says 503) so that the fix can be saved and picked up without a restart.
            LogNoKnowledge(logger, store.Directory);
        }

        store.StartWatching();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Critical, Message = "No knowledge could be loaded from {Directory}; the bot is not ready until the errors above are fixed")]
    private static partial void LogNoKnowledge(ILogger logger, string directory);
}
