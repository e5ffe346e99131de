using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PolicyBot.Web.Tests;

/// <summary>The real host on a free loopback port (Kestrel, not the in-memory test server), so a browser can reach it.</summary>
public sealed class KestrelBotHost : WebApplicationFactory<Program>
{
    private readonly string _environment;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public KestrelBotHost()
        : this("Development", [], null)
    {
    }

    public KestrelBotHost(string environment, Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        _environment = environment;
        // The meaning stage's model loads in the background: off unless a test asks, so cards never change mid-test.
        _settings = new Dictionary<string, string?>(settings);
        _settings.TryAdd("Matching:Semantic:Enabled", "false");
        _settings.TryAdd("Analytics:SqlitePath", Path.Combine(Path.GetTempPath(), "policybot-tests", $"analytics-{Guid.NewGuid():N}.db"));
        AnalyticsPath = _settings["Analytics:SqlitePath"]!;
        _services = services;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.Single());
    }

    /// <summary>This host's analytics database (a temporary file unless the test names one).</summary>
    public string AnalyticsPath { get; }

    /// <summary>For example http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("urls", "http://127.0.0.1:0");
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
