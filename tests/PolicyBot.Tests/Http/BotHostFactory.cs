using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PolicyBot.Tests.Http;

/// <summary>The real host in memory, with settings and services overridable per test.</summary>
public sealed class BotHostFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _environment;

    public BotHostFactory()
        : this(null, null)
    {
    }

    internal BotHostFactory(Dictionary<string, string?>? settings, Action<IServiceCollection>? services = null, string environment = "Development")
    {
        // The meaning stage loads a model in the background: off unless a test asks for it, so a fallback card never
        // gains suggestions half-way through a test (MeaningHostTests turn it on with the shared model).
        // Each host its own analytics file (the default store), so tests never share or leave one in the build folder.
        _settings = new Dictionary<string, string?>
        {
            ["Matching:Semantic:Enabled"] = "false",
            ["Analytics:SqlitePath"] = AnalyticsPath,
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }

        _services = services;
        _environment = environment;
    }

    /// <summary>This host's analytics database (a temporary file, deleted with the host).</summary>
    public string AnalyticsPath { get; } = Path.Combine(Path.GetTempPath(), "policybot-tests", $"analytics-{Guid.NewGuid():N}.db");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { AnalyticsPath, AnalyticsPath + "-wal", AnalyticsPath + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }
}
