using PolicyBot.LoadTest;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Stop cleanly so the child bots are killed, not orphaned on their ports.
    e.Cancel = true;
    cancellation.Cancel();
};

return await LoadTestApp.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
