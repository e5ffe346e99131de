using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PolicyBot.LoadTest;

/// <summary>
/// A bot running as a child process on a free loopback port, in the Production environment with logging at
/// Warning. Disposing kills it.
/// </summary>
internal sealed class BotProcess : IDisposable
{
    private const int OutputLinesKept = 40;
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private BotProcess(BotDefinition definition, Process process, Uri baseUri)
    {
        Definition = definition;
        _process = process;
        BaseUri = baseUri;
        MessagesUri = new Uri(baseUri, "api/messages");
        RefusalMarker = definition.RefusalText is { } refusal ? System.Text.Encoding.UTF8.GetBytes(refusal) : ReadOnlyMemory<byte>.Empty;
    }

    public ReadOnlyMemory<byte> RefusalMarker { get; }

    public BotDefinition Definition { get; }

    public Uri BaseUri { get; }

    public Uri MessagesUri { get; }

    public int ProcessId => _process.Id;

    /// <summary>From process start to 200 on the health endpoint (PolicyBot only).</summary>
    public TimeSpan? TimeToHealthy { get; private set; }

    /// <summary>From process start to the first answered turn.</summary>
    public TimeSpan TimeToFirstAnswer { get; private set; }

    /// <summary>
    /// From process start to 200 on the readiness endpoint (PolicyBot: its meaning stage loaded), after the first
    /// answer: the load is measured on the steady state, the start-up figure stays the first answer's.
    /// </summary>
    public TimeSpan? TimeToReady { get; private set; }

    public static async Task<BotProcess> StartAsync(BotDefinition definition, string dotnetHost, string host, TurnClient client, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        var assembly = definition.FindReleaseAssembly();
        var port = FreePort(host);
        var baseUri = new Uri($"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}/");
        LoopbackGuard.EnsureAllowed(baseUri);

        var start = new ProcessStartInfo(dotnetHost)
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { assembly, "--urls", baseUri.GetLeftPart(UriPartial.Authority), "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft=Warning" }.Concat(definition.ExtraArguments))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");

        var clock = Stopwatch.StartNew();
        var process = new Process { StartInfo = start };
        var bot = new BotProcess(definition, process, baseUri);
        process.OutputDataReceived += (_, e) => bot.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await bot.WaitUntilAnsweringAsync(client, clock, startTimeout, cancellationToken);
            await bot.WaitUntilReadyAsync(client, clock, startTimeout, cancellationToken);
            return bot;
        }
        catch
        {
            bot.Dispose();
            throw;
        }
    }

    /// <summary>From process start to the first answered turn: CPU time the bot used (user + system), independent of how busy the machine is.</summary>
    public TimeSpan CpuToFirstAnswer { get; private set; }

    public (long RssKb, long PeakRssKb) Memory() => ProcessMemory.Read(_process.Id);

    /// <summary>CPU time (user + system) the bot has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone: nothing to stop.
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TurnClient client, Stopwatch clock, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Definition.ReadyPath is null)
        {
            return;
        }

        while (!await client.IsHealthyAsync(new Uri(BaseUri, Definition.ReadyPath), cancellationToken))
        {
            if (_process.HasExited || clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{Definition.Name} was not ready ({Definition.ReadyPath}) within {timeout.TotalSeconds:0} s on {BaseUri}. Its last output:{Environment.NewLine}{OutputTail()}");
            }

            await Task.Delay(50, cancellationToken);
        }

        TimeToReady = clock.Elapsed;
    }

    private async Task WaitUntilAnsweringAsync(TurnClient client, Stopwatch clock, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var probe = 0;
        var healthy = Definition.HealthPath is null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Definition.Name} exited with code {_process.ExitCode} before answering. Its last output:{Environment.NewLine}{OutputTail()}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{Definition.Name} did not answer a turn within {timeout.TotalSeconds:0} s on {BaseUri}. Its last output:{Environment.NewLine}{OutputTail()}");
            }

            if (!healthy)
            {
                healthy = await client.IsHealthyAsync(new Uri(BaseUri, Definition.HealthPath), cancellationToken);
                if (healthy)
                {
                    TimeToHealthy = clock.Elapsed;
                }
            }

            if (healthy)
            {
                var outcome = await client.SendAsync(this, "startup-probe", $"probe-{++probe}", "hello", cancellationToken);
                if (outcome.Answered)
                {
                    TimeToFirstAnswer = clock.Elapsed;
                    CpuToFirstAnswer = CpuTime();
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLinesKept)
            {
                _output.Dequeue();
            }
        }
    }

    private string OutputTail()
    {
        lock (_output)
        {
            return _output.Count == 0 ? "(no output)" : string.Join(Environment.NewLine, _output);
        }
    }

    private static int FreePort(string host)
    {
        var address = host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host);
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
