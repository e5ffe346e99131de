using System.Text.Json.Nodes;
using PolicyBot.Testing;

namespace PolicyBot.Cli.Tests.Teams;

public sealed class TeamsPackageTests
{
    [Fact]
    public void Package_holds_exactly_manifest_its_French_file_and_the_two_icons_at_its_root()
    {
        using var run = new PackageRun().Run().Succeeded();

        Assert.Equal(["color.png", "fr.json", "manifest.json", "outline.png"], run.EntryNames().Order(StringComparer.Ordinal));
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Manifests, "color.png")), run.Entry("color.png"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Manifests, "outline.png")), run.Entry("outline.png"));
        var icons = run.Manifest()["icons"]!;
        Assert.Equal("color.png", icons["color"]!.GetValue<string>());
        Assert.Equal("outline.png", icons["outline"]!.GetValue<string>());
        Assert.Contains(run.ZipFile, run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(run.ZipFile + ".partial"));
    }

    [Fact]
    public void Bot_id_flag_overrides_the_configured_app_id()
    {
        const string other = "0d6f7a39-5b2c-4e1a-8f3d-9c8b7a6e5d41";
        using var run = new PackageRun().Run("--bot-id", other).Succeeded();

        Assert.Equal(other, run.Manifest()["bots"]![0]!["botId"]!.GetValue<string>());
    }

    [Fact]
    public void A_setting_on_the_command_line_overrides_the_file()
    {
        using var run = new PackageRun().Run("--Teams:App:Version", "2.0.0", "--Teams:App:PrivacyUrl=https://other.example/privacy").Succeeded();
        var manifest = run.Manifest();

        Assert.Equal("2.0.0", manifest["version"]!.GetValue<string>());
        Assert.Equal("https://other.example/privacy", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
    }

    [Fact]
    public void Missing_bot_id_is_refused_naming_MicrosoftAppId_and_writes_nothing()
    {
        var settings = PackageRun.ValidSettings();
        settings.Remove("MicrosoftAppId");
        using var run = new PackageRun(settings).Run();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("MicrosoftAppId is missing", run.Error, StringComparison.Ordinal);
        Assert.Contains("--bot-id", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(run.ZipFile));
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("8c4a3b9e1f7d4a529d3e6b0f2c1a7e55x")]
    [InlineData("{8c4a3b9e-1f7d-4a52-9d3e-6b0f2c1a7e55}")]
    public void Malformed_bot_id_is_refused_naming_the_setting_and_the_value(string botId)
    {
        using var run = new PackageRun().Run("--bot-id", botId);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"MicrosoftAppId: '{botId}' is not a GUID", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(run.ZipFile));
    }

    [Theory]
    [InlineData("PrivacyUrl", "http://policybot.example.org/privacy", "is not an absolute https:// URL")]
    [InlineData("TermsUrl", "/terms", "is not an absolute https:// URL")]
    [InlineData("WebsiteUrl", "policybot.example.org", "is not an absolute https:// URL")]
    [InlineData("PrivacyUrl", "", "is missing")]
    [InlineData("Id", "policybot", "is not a GUID")]
    [InlineData("BotDomain", "https://policybot.example.org/api/messages", "is not a host name")]
    [InlineData("BotDomain", "", "is missing")]
    [InlineData("Version", "1.0", "is not a version")]
    [InlineData("DeveloperName", "The NATO Human Security Unit, Brussels", "Teams allows at most 32")]
    public void Bad_teams_app_setting_is_refused_naming_it(string key, string value, string problem)
    {
        var settings = PackageRun.ValidSettings();
        settings["Teams"]!["App"]![key] = value;
        using var run = new PackageRun(settings).Run();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"Teams:App:{key}", run.Error, StringComparison.Ordinal);
        Assert.Contains(problem, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(run.ZipFile));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var settings = new JsonObject { ["Teams"] = new JsonObject { ["App"] = new JsonObject() } };
        using var run = new PackageRun(settings).Run();

        foreach (var key in new[] { "MicrosoftAppId", "Teams:App:Id", "Teams:App:DeveloperName", "Teams:App:WebsiteUrl", "Teams:App:PrivacyUrl", "Teams:App:TermsUrl", "Teams:App:BotDomain" })
        {
            Assert.Contains(key + " is missing", run.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new string[0], "--out FILE.zip is required")]
    [InlineData(new[] { "--out" }, "--out needs a value")]
    [InlineData(new[] { "--out", "x.zip", "--botid", "8c4a3b9e-1f7d-4a52-9d3e-6b0f2c1a7e55" }, "unknown option '--botid'")]
    [InlineData(new[] { "--out", "x.zip", "--config", "/nonexistent/appsettings.json" }, "--config /nonexistent/appsettings.json: no such file")]
    public void Bad_arguments_are_refused_with_the_usage(string[] args, string message)
    {
        using var error = new StringWriter();
        var exit = CliApp.Run(["teams-package", .. args], TextReader.Null, TextWriter.Null, error);

        Assert.Equal(2, exit);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_settings_file_is_named()
    {
        using var run = new PackageRun();
        File.WriteAllText(run.ConfigFile, "{ \"Teams\": ");
        run.Run();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(run.ConfigFile, run.Error, StringComparison.Ordinal);
    }
}
