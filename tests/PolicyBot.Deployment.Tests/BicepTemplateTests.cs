using System.Reflection;
using System.Text.Json.Nodes;
using PolicyBot.Testing;

namespace PolicyBot.Deployment.Tests;

/// <summary>infra/main.bicep compiles and lints clean with the Bicep CLI (from NuGet, offline), and says what the bot needs.</summary>
public sealed class BicepTemplateTests
{
    private static readonly string Infra = Path.Combine(RepoPaths.Root, "infra");
    private static readonly string Template = Path.Combine(Infra, "main.bicep");

    private static string Bicep
    {
        get
        {
            var path = typeof(BicepTemplateTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
            Assert.True(File.Exists(path), $"The Bicep CLI is missing at {path} (package Azure.Bicep.CommandLine.linux-x64)");

            // NuGet does not always keep the executable bit.
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
            return path;
        }
    }

    [Fact]
    public async Task The_template_builds_without_warnings()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("policybot-bicep-").FullName, "main.json");
        var (exitCode, text) = await ProcessRunner.RunAsync(Bicep, ["build", Template, "--outfile", output], Infra, TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0, text);
        Assert.DoesNotContain("Warning", text, StringComparison.OrdinalIgnoreCase);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public async Task The_linter_reports_nothing()
    {
        var (exitCode, text) = await ProcessRunner.RunAsync(Bicep, ["lint", Template], Infra, TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0, text);
        Assert.True(string.IsNullOrWhiteSpace(text), "bicep lint: " + text);
    }

    [Fact]
    public async Task The_web_app_probes_readiness_runs_dotnet_10_and_reads_its_secrets_from_Key_Vault()
    {
        var arm = await BuildAsync();
        var web = Resource(arm, "Microsoft.Web/sites");
        var site = web["properties"]!["siteConfig"]!;

        Assert.Equal("/readyz", site["healthCheckPath"]!.GetValue<string>());
        Assert.Equal("DOTNETCORE|10.0", site["linuxFxVersion"]!.GetValue<string>());
        Assert.True(site["alwaysOn"]!.GetValue<bool>());
        Assert.True(web["properties"]!["httpsOnly"]!.GetValue<bool>());
        var settings = arm["variables"]!.ToJsonString() + site["appSettings"]!.ToJsonString();
        foreach (var setting in (string[])["MicrosoftAppType", "MicrosoftAppId", "MicrosoftAppTenantId", "WebChat__DirectLineSecret", "APPLICATIONINSIGHTS_CONNECTION_STRING", "Storage__Provider", "Teams__AllowedTenantIds__"])
        {
            Assert.Contains(setting, settings, StringComparison.Ordinal);
        }

        Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings, StringComparison.Ordinal);
        foreach (var type in (string[])["Microsoft.ManagedIdentity/userAssignedIdentities", "Microsoft.BotService/botServices", "Microsoft.Web/serverfarms", "Microsoft.Insights/components", "Microsoft.OperationalInsights/workspaces", "Microsoft.Cache/redisEnterprise", "Microsoft.KeyVault/vaults"])
        {
            Assert.NotNull(Resource(arm, type));
        }

        var channels = arm["resources"]!.ToJsonString();
        Assert.Contains("MsTeamsChannel", channels, StringComparison.Ordinal);
        Assert.Contains("DirectLineChannel", channels, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_parameters_file_names_only_parameters_the_template_has()
    {
        var arm = await BuildAsync();
        var declared = arm["parameters"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var given = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Infra, "main.parameters.json")))!["parameters"]!.AsObject().Select(p => p.Key).ToList();

        Assert.NotEmpty(given);
        Assert.All(given, name => Assert.Contains(name, declared));
    }

    private static async Task<JsonNode> BuildAsync()
    {
        var (exitCode, text) = await ProcessRunner.RunAsync(Bicep, ["build", Template, "--stdout"], Infra, TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, text);
        return JsonNode.Parse(text[text.IndexOf('{', StringComparison.Ordinal)..])!;
    }

    private static JsonNode Resource(JsonNode arm, string type)
    {
        // Bicep writes resources as an object (symbolic names) or an array, depending on the features used.
        var resources = arm["resources"] is JsonObject byName ? byName.Select(r => r.Value!) : arm["resources"]!.AsArray().Select(r => r!);
        return resources.First(r => r["type"]!.GetValue<string>() == type);
    }
}
