namespace PolicyBot.Cli.Tests.Teams;

/// <summary>Environment variables are process-wide: these tests run alone, after the others.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment
{
}

[Collection(nameof(ProcessEnvironment))]
public sealed class TeamsPackageEnvironmentTests
{
    private const string EnvBotId = "6a1d2c3b-4e5f-4a7b-8c9d-0e1f2a3b4c5d";

    [Fact]
    public void Environment_variables_override_the_file_and_the_bot_id_flag_overrides_both()
    {
        var variables = new Dictionary<string, string>
        {
            ["MicrosoftAppId"] = EnvBotId,
            ["Teams__App__PrivacyUrl"] = "https://env.example/privacy",
            ["Teams__App__ValidDomains__1"] = "docs.example.org",
        };
        try
        {
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            using var fromEnvironment = new PackageRun().Run().Succeeded();
            var manifest = fromEnvironment.Manifest();
            Assert.Equal(EnvBotId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
            Assert.Equal("https://env.example/privacy", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
            Assert.Equal(["policybot.example.org", "www.nato.int", "docs.example.org"], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));

            using var fromFlag = new PackageRun().Run("--bot-id", PackageRun.BotId).Succeeded();
            Assert.Equal(PackageRun.BotId, fromFlag.Manifest()["bots"]![0]!["botId"]!.GetValue<string>());
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    [Fact]
    public void Malformed_bot_id_in_the_environment_is_refused()
    {
        try
        {
            Environment.SetEnvironmentVariable("MicrosoftAppId", "bot-from-env");
            var settings = PackageRun.ValidSettings();
            settings.Remove("MicrosoftAppId");
            using var run = new PackageRun(settings).Run();

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("MicrosoftAppId: 'bot-from-env' is not a GUID", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MicrosoftAppId", null);
        }
    }
}
