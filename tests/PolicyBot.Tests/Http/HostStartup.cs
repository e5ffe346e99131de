using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using PolicyBot.Infrastructure;

namespace PolicyBot.Tests.Http;

/// <summary>Starts the host's real start-up directly (not through WebApplicationFactory, whose start-up can race a failed start).</summary>
internal static class HostStartup
{
    /// <summary>The exception the host's start-up throws with these settings.</summary>
    public static async Task<Exception> FailureAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseTestServer();
        builder.Services.AddPolicyBot(builder.Configuration);
        await using var app = builder.Build();
        app.UsePolicyBot();
        return await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
    }
}
