using System.Diagnostics;

namespace PolicyBot.LoadTest;

/// <summary>What one run produced.</summary>
internal sealed record RunResult(int Answered, int Errors, TimeSpan Elapsed, LatencyStats Latency, IReadOnlyList<string> ErrorSamples)
{
    public double TurnsPerSecond => Elapsed > TimeSpan.Zero ? Answered / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// N workers sending turns as fast as they are answered, until a turn count or a time limit is reached. Each
/// worker owns its own conversations and sends one turn at a time in each, as users do (two turns in flight in
/// one conversation would race on its stored state, which no real channel does). With no conversations given
/// (0), every turn is a new conversation, as web chat page visits and new Teams chats are (the soak).
/// </summary>
internal sealed class LoadDriver
{
    private const int ErrorSamplesKept = 5;
    private readonly TurnClient _client;
    private readonly IReadOnlyList<string> _questions;
    private readonly int _concurrency;
    private readonly int _conversations;

    public LoadDriver(TurnClient client, IReadOnlyList<string> questions, int concurrency, int conversations)
    {
        _client = client;
        _questions = questions;
        _concurrency = concurrency;
        _conversations = conversations;
    }

    /// <param name="activityPrefix">Makes activity ids unique within the bot process (the bot ignores a repeated id as a retry).</param>
    public async Task<RunResult> RunAsync(BotProcess bot, string activityPrefix, int maxTurns, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var issued = 0;
        var errors = 0;
        var samples = new List<string>();
        var latencies = new List<double>[_concurrency];
        var clock = Stopwatch.StartNew();

        async Task WorkerAsync(int worker)
        {
            var mine = latencies[worker] = new List<double>(Math.Min(maxTurns / _concurrency + 1, 1_000_000));
            var owned = Enumerable.Range(0, _conversations).Where(c => c % _concurrency == worker).ToArray();
            for (var local = 0; !cancellationToken.IsCancellationRequested && clock.Elapsed < timeLimit; local++)
            {
                var turn = Interlocked.Increment(ref issued);
                if (turn > maxTurns)
                {
                    return;
                }

                var conversation = owned.Length == 0 ? turn : owned[local % owned.Length];
                var conversationId = owned.Length == 0 ? $"{activityPrefix}-new-{turn}" : $"conv-{conversation}";
                var text = _questions[(turn + conversation) % _questions.Count];
                var outcome = await _client.SendAsync(bot, conversationId, $"{activityPrefix}-{turn}", text, cancellationToken);
                if (outcome.Answered)
                {
                    mine.Add(outcome.LatencyMs);
                    continue;
                }

                Interlocked.Increment(ref errors);
                lock (samples)
                {
                    if (samples.Count < ErrorSamplesKept && !samples.Contains(outcome.Failure!))
                    {
                        samples.Add(outcome.Failure!);
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, _concurrency).Select(w => Task.Run(() => WorkerAsync(w), cancellationToken)));
        clock.Stop();
        cancellationToken.ThrowIfCancellationRequested();
        var answered = latencies.Sum(l => l.Count);
        return new RunResult(answered, errors, clock.Elapsed, new LatencyStats(latencies.SelectMany(l => l)), samples);
    }
}
