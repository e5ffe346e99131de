using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using PolicyBot.Testing;

namespace PolicyBot.Deployment.Tests;

/// <summary>
/// PolicyBot published once with dotnet publish -c Release into a temporary folder, started from there the way
/// an operator does (dotnet PolicyBot.dll), as many times as the tests need.
/// </summary>
public sealed class PublishedBot : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Directory.CreateTempSubdirectory("policybot-publish-").FullName, "app");

    public async Task InitializeAsync()
    {
        var project = Path.Combine(RepoPaths.Root, "src", "PolicyBot", "PolicyBot.csproj");
        var (exitCode, output) = await ProcessRunner.RunAsync("dotnet", ["publish", project, "-c", "Release", "-o", Folder, "--nologo"], RepoPaths.Root, TimeSpan.FromMinutes(9));
        Assert.True(exitCode == 0, "dotnet publish failed:\n" + output);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Starts `dotnet PolicyBot.dll` in the publish folder on a free loopback port and waits until it is ready.</summary>
    public async Task<BotProcess> StartAsync(Dictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("PolicyBot.dll");
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        var bot = new BotProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        await bot.WaitUntilReadyAsync();
        return bot;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One running bot process: its address, its console output, and SIGTERM.</summary>
public sealed class BotProcess : IDisposable
{
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(90);
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _stopping = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BotProcess(Process process, Uri baseAddress)
    {
        Process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Completes when the host logs that it is shutting down.</summary>
    public Task Stopping => _stopping.Task;

    public async Task WaitUntilReadyAsync()
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartWait)
        {
            Assert.False(Process.HasExited, "the bot exited while starting:\n" + Output);
            try
            {
                using var ready = await Http.GetAsync(new Uri("readyz", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        Assert.Fail($"the bot was not ready within {StartWait}:\n{Output}");
    }

    /// <summary>What an orchestrator sends to stop a container or an App Service instance.</summary>
    public Task SendSigtermAsync()
    {
        Assert.True(NativeSignals.Kill(Process.Id, NativeSignals.Sigterm) == 0, "kill(SIGTERM) failed");
        return Task.CompletedTask;
    }

    public async Task<int> WaitForExitAsync(TimeSpan bound)
    {
        using var cancel = new CancellationTokenSource(bound);
        await Process.WaitForExitAsync(cancel.Token);
        return Process.ExitCode;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Http.Dispose();
        Process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Application is shutting down", StringComparison.Ordinal))
        {
            _stopping.TrySetResult();
        }
    }
}

/// <summary>kill(2) from libc: sends a signal without depending on a kill binary being installed.</summary>
internal static partial class NativeSignals
{
    public const int Sigterm = 15;

    [LibraryImport("libc", EntryPoint = "kill")]
    public static partial int Kill(int pid, int signal);
}
