using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PolicyBot.Tests.Redis;

/// <summary>
/// A real redis-server of the tests' own, on a free loopback port, in a temporary folder, with nothing saved to
/// disk. It can be stopped and started again on the same port (the outage tests). Without redis-server installed
/// every Redis test fails with a message saying how to install it.
/// </summary>
public sealed class RedisServerFixture : IDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(20);
    private readonly string _directory;
    private readonly string _executable;
    private Process? _server;

    public RedisServerFixture()
    {
        _executable = FindRedisServer() ?? throw new InvalidOperationException(
            "redis-server is not installed, and the Redis storage tests need a real one. Run ./test.sh (it installs it) "
            + "or install it by hand: apt-get install redis-server.");
        _directory = Directory.CreateTempSubdirectory("policybot-redis-").FullName;
        Port = FreePort();
        Start();
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public bool IsRunning => _server is { HasExited: false };

    public void Start()
    {
        if (IsRunning)
        {
            return;
        }

        var startInfo = new ProcessStartInfo(_executable)
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--dir", _directory, "--daemonize", "no", "--protected-mode", "yes" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        _server = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {_executable}.");
        _server.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        _server.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!Answers())
        {
            if (_server.HasExited || deadline.Elapsed > StartupLimit)
            {
                string log;
                lock (output)
                {
                    log = output.ToString();
                }

                Stop();
                throw new InvalidOperationException($"redis-server did not answer on port {Port} within {StartupLimit}. Its output:\n{log}");
            }

            Thread.Sleep(50);
        }
    }

    public void Stop()
    {
        if (_server is null)
        {
            return;
        }

        if (!_server.HasExited)
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }

        _server.Dispose();
        _server = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private static string? FindRedisServer()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Append("/usr/sbin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True when the server answers PING on its port.</summary>
    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.ReadTimeout = 1_000;
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer, 0, buffer.Length);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RedisServerGroup : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "Redis server";
}
